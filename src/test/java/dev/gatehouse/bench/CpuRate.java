package dev.gatehouse.bench;

import dev.gatehouse.keys.CryptoProvider;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * The hot pieces of {@link TokenMintBenchmark}, {@link TokenVerifyBenchmark} and
 * {@link ClientAuthBenchmark} per CPU-second of the measuring thread rather than per wall-clock
 * second: on a machine whose cores other processes share, wall-clock rates measure the neighbours,
 * CPU-time rates still measure the code. Run with the test classpath:
 * {@code java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" dev.gatehouse.bench.CpuRate [seconds]}.
 */
public final class CpuRate {

    private CpuRate() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.println("crypto provider: " + CryptoProvider.describe());
        TokenMintBenchmark mint = new TokenMintBenchmark();
        mint.setUp();
        ClientAuthBenchmark auth = new ClientAuthBenchmark();
        auth.setUp();
        TokenVerifyBenchmark verify = new TokenVerifyBenchmark();
        verify.setUp();
        try {
            for (int round = 0; round < 2; round++) { // the first round warms up
                boolean report = round == 1;
                measure("signature (ceiling)", seconds, mint::signature, report);
                measure("mint", seconds, mint::mint, report);
                measure("issue", seconds, mint::issue, report);
                measure("verify valid", seconds, verify::valid, report);
                measure("client auth (right secret)", seconds, auth::rightSecret, report);
            }
        } finally {
            mint.tearDown();
            auth.tearDown();
            verify.tearDown();
        }
        System.exit(0);
    }

    private static void measure(String name, double seconds, Callable<Object> work, boolean report) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long start = threads.getCurrentThreadCpuTime();
        long ops = 0;
        Object sink = null;
        while (threads.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < 16; i++) {
                sink = work.call();
            }
            ops += 16;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        if (report) {
            System.out.printf("%-28s %12.0f ops per CPU-second  (%8.2f us/op)%s%n", name, ops / cpuSeconds,
                    cpuSeconds * 1e6 / ops, sink == null ? "" : "");
        }
    }
}
