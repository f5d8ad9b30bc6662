package org.negotiationtimeline.projection.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of {@code GET /api/stream} ({@code projection.stream.*}; docs/streaming.md).
 *
 * @param heartbeat      how often an idle connection gets a {@code : keep-alive} comment
 * @param pollInterval   how often the stream table is checked for entries this instance was not told about
 *                       (written by another instance sharing the database); its own commits wake it at once
 * @param stallTimeout   a subscriber that accepts no byte for this long, while the server has something to send
 *                       it, is disconnected; it resumes with Last-Event-ID
 * @param maxBuffered    the most a subscriber's messages may take in this server's memory; a subscriber that
 *                       reads slower is served from the table at its own pace, nothing more is held for it
 * @param maxBufferedTotal the most all subscribers' messages together may take in this server's memory; when a
 *                       message would exceed it, the stream holding the most is dropped (it resumes with
 *                       Last-Event-ID)
 * @param idleTimeout    a stream that was sent no message (heartbeats do not count) for this long is ended, with
 *                       a last comment and the id to resume from; zero keeps idle streams open
 * @param maxSubscribers open streams at most; more are answered 503
 * @param maxPerClient   open streams at most per client address (the socket's, or the one a trusted proxy names
 *                       when {@code server.forward-headers-strategy} is set); more are answered 429
 * @param pageSize       entries read from the table per query when a subscriber catches up
 * @param tailSize       the newest entries kept in memory, so that subscribers that are up to date do not each
 *                       query the table
 * @param threads        threads that hand new messages to the connections (none of them ever waits for a client)
 * @param catchUpThreads threads on which subscribers that are behind the in-memory tail (from=beginning, an old
 *                       Last-Event-ID) read the table, apart from the live ones
 * @param catchUpScan    positions one catch-up query looks at, at most, however few of them match
 */
@ConfigurationProperties("projection.stream")
public record StreamSettings(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration stallTimeout,
        @DefaultValue("256KB") DataSize maxBuffered,
        @DefaultValue("64MB") DataSize maxBufferedTotal,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("1000") int maxSubscribers,
        @DefaultValue("8") int maxPerClient,
        @DefaultValue("200") int pageSize,
        @DefaultValue("1000") int tailSize,
        @DefaultValue("2") int threads,
        @DefaultValue("2") int catchUpThreads,
        @DefaultValue("5000") int catchUpScan) {
}
