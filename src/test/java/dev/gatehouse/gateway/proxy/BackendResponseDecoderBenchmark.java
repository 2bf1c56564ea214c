package dev.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One backend response decoded, as a backend connection decodes it: nginx's small JSON answer, whole in
 * a pooled direct buffer, with {@link FastResponseHead} on and off. It sits beside the package-private
 * decoder rather than in {@code dev.gatehouse.bench}; run it with
 * {@code bench/jmh.sh BackendResponseDecoder}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BackendResponseDecoderBenchmark {

    @Param({"true", "false"})
    public boolean fast;

    private BackendResponseDecoder decoder;
    private ByteBuf response;
    private final List<Object> out = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        decoder = new BackendResponseDecoder(fast);
        byte[] bytes = FastResponseHeadTest.NGINX.getBytes(StandardCharsets.ISO_8859_1);
        response = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        response.release();
    }

    /** The messages one response makes (head and body); the general decoder takes two calls for them. */
    @Benchmark
    public int decode() throws Exception {
        response.readerIndex(0);
        while (response.isReadable()) {
            decoder.decode(null, response, out);
        }
        int made = out.size();
        for (Object message : out) {
            ReferenceCountUtil.release(message);
        }
        out.clear();
        return made;
    }
}
