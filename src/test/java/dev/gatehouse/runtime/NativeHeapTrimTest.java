package dev.gatehouse.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeHeapTrimTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(NativeHeapTrim.INTERVAL_PROPERTY);
    }

    @Test
    void intervalIsTheDefaultUnlessTheOperatorSetsOne() {
        assertThat(NativeHeapTrim.intervalSeconds()).isEqualTo(NativeHeapTrim.DEFAULT_INTERVAL_SECONDS);
        System.setProperty(NativeHeapTrim.INTERVAL_PROPERTY, "0");
        assertThat(NativeHeapTrim.intervalSeconds()).isZero();
        System.setProperty(NativeHeapTrim.INTERVAL_PROPERTY, " 60 ");
        assertThat(NativeHeapTrim.intervalSeconds()).isEqualTo(60);
    }

    @Test
    void intervalThatIsNotANumberFallsBackToTheDefault() {
        System.setProperty(NativeHeapTrim.INTERVAL_PROPERTY, "ten");
        assertThat(NativeHeapTrim.intervalSeconds()).isEqualTo(NativeHeapTrim.DEFAULT_INTERVAL_SECONDS);
        System.setProperty(NativeHeapTrim.INTERVAL_PROPERTY, "-5");
        assertThat(NativeHeapTrim.intervalSeconds()).isZero();
    }

    @Test
    void trimRunsTheJvmsDiagnosticCommandOnLinux() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "glibc trimming is Linux only");
        NativeHeapTrim trim = new NativeHeapTrim();

        assertThat(trim.trim()).startsWith("Trim native heap");
        assertThat(trim.trim()).as("repeatable").startsWith("Trim native heap");
    }
}
