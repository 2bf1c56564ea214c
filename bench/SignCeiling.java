import dev.gatehouse.keys.CryptoProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Optional;

/**
 * The signing ceiling: RS256 (SHA256withRSA, 2048-bit key) signatures per second on one thread,
 * with the provider Gatehouse itself picks (CryptoProvider) and, for reference, the JDK's own.
 * Run from the repository root, pinned to the core the server will use:
 * {@code taskset -c 0 java -cp target/gatehouse.jar bench/SignCeiling.java [seconds] [warmupSeconds]}.
 * Prints one JSON object on stdout: rates per wall-clock second (what a server on that core gets,
 * the ceiling the token endpoint is compared with) and per CPU second of the signing thread (what
 * the core could do uncontended; the two differ when other processes share the core).
 */
public class SignCeiling {

    /** About the size of a Gatehouse access token's signing input (header.payload, base64url). */
    private static final byte[] INPUT = ("eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9."
            + "x".repeat(420)).getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        Optional<Provider> gatehouse = CryptoProvider.rsa();
        double[] used = rate(gatehouse, seconds, warmup);
        double[] jdk = gatehouse.isPresent() ? rate(Optional.empty(), seconds, warmup) : used;
        System.out.printf("{\"provider\":\"%s\",\"signatures_per_s\":%.1f,\"signatures_per_cpu_s\":%.1f,"
                        + "\"jdk_signatures_per_s\":%.1f,\"jdk_signatures_per_cpu_s\":%.1f}%n",
                CryptoProvider.describe().replace("\"", "'"), used[0], used[1], jdk[0], jdk[1]);
    }

    /** {signatures per wall second, signatures per CPU second of this thread} */
    private static double[] rate(Optional<Provider> provider, double seconds, double warmup) throws Exception {
        KeyPairGenerator generator = provider.isPresent()
                ? KeyPairGenerator.getInstance("RSA", provider.get()) : KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        KeyPair keys = generator.generateKeyPair();
        Signature signature = provider.isPresent()
                ? Signature.getInstance("SHA256withRSA", provider.get()) : Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signFor(signature, warmup);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long count = signFor(signature, seconds);
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {count / (wall / 1e9), count / (cpu / 1e9)};
    }

    private static long signFor(Signature signature, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        byte sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                signature.update(INPUT);
                sink ^= signature.sign()[0];
                count++;
            }
        }
        if (sink == 42) {
            System.err.print("");
        }
        return count;
    }
}
