package dev.gatehouse.gateway.proxy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY GW-19: for any bytes a backend sends, split anywhere, answering a HEAD request or not, a
 * backend connection's decoder with its fast response parser makes exactly what the general decoder
 * alone makes. Seeds: FastResponseHeadFuzzTestInputs; each ends with the split point (two bytes, low first)
 * and the HEAD flag (one byte), which Jazzer takes from the end of the input.
 */
class FastResponseHeadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void sameAsGeneralDecoder(FuzzedDataProvider data) {
        boolean answeringHead = data.consumeBoolean();
        int split = data.consumeInt(0, 4096);
        byte[] input = data.consumeRemainingAsBytes();

        assertThat(ResponseDecoderDifferential.decode(input, true, answeringHead, split))
                .isEqualTo(ResponseDecoderDifferential.decode(input, false, answeringHead, split));
    }
}
