package dev.gatehouse.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's logging, set up in code instead of logback.xml (issue 5): the same levels and line. */
class LogSetupTest {

    @Test
    void lineIsTimeLevelShortLoggerAndMessage() {
        LoggerContext context = new LoggerContext();
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        Logger logger = context.getLogger("dev.gatehouse.server.Components");
        long time = LocalDateTime.of(2026, 11, 26, 9, 5, 7, 42_000_000).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "Network transport: {}", null,
                new Object[] {"native epoll"});
        event.setTimeStamp(time);

        assertThat(layout.doLayout(event))
                .isEqualTo("09:05:07.042 INFO  d.g.s.Components - Network transport: native epoll" + System.lineSeparator());
    }

    @Test
    void lineCarriesTheStackTraceOfAThrowable() {
        LoggerContext context = new LoggerContext();
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.gatehouse.X"), Level.WARN, "failed",
                new IllegalStateException("boom"), null);

        assertThat(layout.doLayout(event)).contains("WARN  dev.gatehouse.X - failed")
                .contains("java.lang.IllegalStateException: boom").contains("at dev.gatehouse.observe.LogSetupTest");
    }

    @Test
    void installSendsWarningsToStderrAndGatehouseInfo() {
        LoggerContext context = new LoggerContext();
        LogSetup.install(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
        assertThat(context.getLogger("dev.gatehouse.server").getEffectiveLevel())
                .isEqualTo(Level.toLevel(System.getenv(LogSetup.LEVEL_ENV), Level.INFO));
        assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aLogbackFileOnTheClassPathTakesPrecedence() {
        // The test class path has logback-test.xml, so the set-up steps aside for it.
        assertThat(LogSetup.operatorChose(getClass().getClassLoader())).isTrue();
        ClassLoader empty = new ClassLoader(null) {
        };
        assertThat(LogSetup.operatorChose(empty)).isEqualTo(System.getProperty("logback.configurationFile") != null);
    }
}
