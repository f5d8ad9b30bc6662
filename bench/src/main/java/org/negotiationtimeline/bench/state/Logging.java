package org.negotiationtimeline.bench.state;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging for in-process measurements. */
final class Logging {

    private Logging() {
    }

    /**
     * Warnings and errors only. Without a configuration logback logs DEBUG, and JdbcTemplate logs
     * every statement at DEBUG: that would be measured with the lookup.
     */
    static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
