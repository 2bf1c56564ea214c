package dev.gatehouse.runtime;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeDefaultsTest {

    @Test
    void defaultIsSetAndReportedWhenTheOperatorGaveNone() {
        Properties properties = new Properties();

        assertThat(RuntimeDefaults.applyTo(properties)).containsExactly("-Dio.netty.jfr.enabled=false");
        assertThat(properties.getProperty(RuntimeDefaults.NETTY_JFR)).isEqualTo("false");
    }

    @Test
    void operatorsValueWinsAndIsNotReportedAsADefault() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeDefaults.NETTY_JFR, "true");

        assertThat(RuntimeDefaults.applyTo(properties)).isEmpty();
        assertThat(properties.getProperty(RuntimeDefaults.NETTY_JFR)).isEqualTo("true");
    }

    @Test
    void everyDefaultIsReportedOnce() {
        Properties properties = new Properties();
        assertThat(RuntimeDefaults.applyTo(properties)).hasSize(RuntimeDefaults.DEFAULTS.size());
        assertThat(RuntimeDefaults.applyTo(properties)).isEmpty();
    }
}
