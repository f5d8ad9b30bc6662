package org.negotiationtimeline.projection.stream;

import static org.negotiationtimeline.projection.consuming.Payloads.required;
import static org.negotiationtimeline.projection.consuming.Payloads.utc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.negotiationtimeline.projection.consuming.BatchScope;
import org.negotiationtimeline.projection.consuming.Payloads;
import org.negotiationtimeline.projection.consuming.Projection;
import org.negotiationtimeline.projection.consuming.TimelineMessage;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.consuming.DevelopmentForms;
import org.springframework.jdbc.JdbcUpdateAffectedIncorrectNumberOfRowsException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends one {@code stream_entry} per development, correction and retraction: the messages of
 * {@code GET /api/stream}, in the order the views applied them.
 *
 * <p>Runs after the negotiation projector, in the same transaction (it is ordered last), and
 * reads what that one wrote: the development's form as recorded ({@link DevelopmentForms}), or
 * before and after the amendment, and the amendment as served by {@code GET /api/events/{eventId}}.
 * Everything is read and checked before the first write.
 *
 * <p>Positions come from the single {@code stream_head} row. The first entry of a batch locks it
 * (an update) and reads it; the batch's entries are numbered in memory from there, and the head is
 * written once, at the end of the batch. The row lock is held until the transaction ends, so a
 * second writer on the same database (an instance sharing it) waits, and positions become visible
 * in their order, without gaps (a rolled back batch gives its positions back). Once the
 * transaction committed, {@code onCommit} is run so that subscribers are woken; never before, so
 * they never look for an entry that is not there yet.
 */
public class StreamProjector implements Projection {

    private final ViewWriter views;
    private final DevelopmentForms forms;
    private final ObjectMapper json;
    private final Runnable onCommit;
    private final Object headKey = new Object();

    public StreamProjector(ViewWriter views, DevelopmentForms forms, ObjectMapper json, Runnable onCommit) {
        this.views = views;
        this.forms = forms;
        this.json = json;
        this.onCommit = onCommit;
    }

    @Override
    public void apply(TimelineMessage message) {
        switch (message.type()) {
            case "DevelopmentRecorded" -> recorded(message);
            case "DevelopmentCorrected" -> amended(message, StreamEntry.Kind.CORRECTION, "correctionId");
            case "DevelopmentRetracted" -> amended(message, StreamEntry.Kind.RETRACTION, "retractionId");
            default -> {
                // Not a message of the stream.
            }
        }
    }

    private void recorded(TimelineMessage message) {
        String eventId = required(message.data(), "eventId").asText();
        Version recorded = current(eventId);
        ObjectNode body = json.createObjectNode();
        body.put("negotiationId", message.negotiationId());
        body.setAll(recorded.item());
        append(message, eventId, StreamEntry.Kind.DEVELOPMENT, List.of(recorded.item()), body);
    }

    private void amended(TimelineMessage message, StreamEntry.Kind kind, String idField) {
        String eventId = required(message.data(), "eventId").asText();
        String amendmentId = required(message.data(), idField).asText();
        Version current = current(eventId);
        Version before = version(eventId, current.version() - 1);
        List<String> amendment = views.read().queryForList(
                "SELECT body FROM development_amendment WHERE amendment_id = ?", String.class, amendmentId);
        if (amendment.isEmpty()) {
            throw new IllegalStateException("no amendment '" + amendmentId + "' in the views");
        }
        ObjectNode body = json.createObjectNode();
        body.put("negotiationId", message.negotiationId());
        body.put("eventId", eventId);
        body.set("amendment", Payloads.read(json, amendment.get(0)));
        body.set("current", current.item());
        append(message, eventId, kind, List.of(before.item(), current.item()), body);
    }

    private void append(TimelineMessage message, String eventId, StreamEntry.Kind kind, List<ObjectNode> matched,
                        ObjectNode body) {
        String formsJson = Payloads.write(json, forms(matched));
        String bodyJson = Payloads.write(json, body);
        long position = nextPosition();
        views.insert("INSERT INTO stream_entry (position, negotiation_id, event_id, kind, forms, recorded_at, body)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                position, message.negotiationId(), eventId, kind.name(), formsJson,
                utc(message.recordedAt()), bodyJson);
        wakeAfterCommit();
    }

    /** The batch's next position; the head row is locked and read once per batch, written at its end. */
    private long nextPosition() {
        long[] head = BatchScope.get(headKey, () -> new long[] {lockHead()});
        long position = ++head[0];
        views.replace("stream_head", "UPDATE stream_head SET last_position = ? WHERE id = 1", position);
        return position;
    }

    private long lockHead() {
        String lock = "UPDATE stream_head SET last_position = last_position WHERE id = 1";
        JdbcTemplate jdbc = views.read();
        int updated = jdbc.update(lock);
        if (updated != 1) {
            // The schema is broken, not the event: fail the batch (retried, health DOWN) rather than park it.
            throw new JdbcUpdateAffectedIncorrectNumberOfRowsException(lock, 1, updated);
        }
        return jdbc.queryForObject("SELECT last_position FROM stream_head WHERE id = 1", Long.class);
    }

    /** Once per transaction: subscribers are woken when (and only if) it commits. */
    private void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            onCommit.run(); // Not in a transaction: the write is already committed.
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                onCommit.run();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StreamProjector.this);
            }
        });
    }

    private ArrayNode forms(List<ObjectNode> items) {
        ArrayNode forms = json.createArrayNode();
        for (ObjectNode item : items) {
            ObjectNode form = forms.addObject();
            form.put("type", required(item, "type").asText());
            ArrayNode actors = form.putArray("actors");
            item.path("actors").forEach(actor -> actors.add(actor.path("id").asText()));
            ArrayNode topics = form.putArray("topics");
            item.path("topics").forEach(topic -> topics.add(topic.asText()));
        }
        return forms;
    }

    private record Version(int version, ObjectNode item) {
    }

    private Version current(String eventId) {
        DevelopmentForms.Form form = forms.current(eventId)
                .orElseThrow(() -> new IllegalStateException("no development '" + eventId + "' in the views"));
        return new Version(form.version(), form.item());
    }

    private Version version(String eventId, int version) {
        DevelopmentForms.Form form = forms.version(eventId, version).orElseThrow(() ->
                new IllegalStateException("no version " + version + " of development '" + eventId + "' in the views"));
        return new Version(form.version(), form.item());
    }
}
