package dev.gatehouse.net;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY GW-02..06: for any bytes, split anywhere, the listener's decoder with its fast head
 * parser makes exactly what the general decoder alone makes. Seeds: FastRequestHeadFuzzTestInputs.
 */
class FastRequestHeadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void sameAsGeneralDecoder(FuzzedDataProvider data) {
        int split = data.consumeInt(0, 4096);
        byte[] input = data.consumeRemainingAsBytes();

        assertThat(DecoderDifferential.decode(input, true, split))
                .isEqualTo(DecoderDifferential.decode(input, false, split));
    }
}
