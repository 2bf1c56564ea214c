package dev.gatehouse.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging set-up, in code: what {@code logback.xml} used to say, without logback's XML
 * configurator, whose parser and model classes were about a tenth of the start-up (issue 5), and with
 * {@link LogLine} for the pattern. Found by
 * logback through {@code META-INF/services}. It steps aside (and logback's usual lookup runs) when
 * {@code -Dlogback.configurationFile} names a file, or a {@code logback-test.xml} or
 * {@code logback.xml} is on the class path.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Environment variable for the level of Gatehouse's own loggers; INFO by default. */
    public static final String LEVEL_ENV = "GATEHOUSE_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (operatorChose(LogSetup.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A logback configuration file named by the system property or present on the class path. */
    static boolean operatorChose(ClassLoader classLoader) {
        return System.getProperty("logback.configurationFile") != null
                || classLoader.getResource("logback-test.xml") != null
                || classLoader.getResource("logback.xml") != null;
    }

    /** Gatehouse's own loggers at INFO (or {@value #LEVEL_ENV}), everything else at WARN, to stderr. */
    static void install(LoggerContext context) {
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.gatehouse").setLevel(Level.toLevel(System.getenv(LEVEL_ENV), Level.INFO));
        // flywaydb, hikari and netty stay at the root's WARN.
    }
}
