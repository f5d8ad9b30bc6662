package org.negotiationtimeline.projection.consuming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current form of each development, as {@code development_version} holds it, for the
 * projections that run after the negotiation projector. Forms opened in the current batch are
 * answered from memory: their rows may not be written yet (see {@link ViewWriter}), and reading
 * them back would cost a flush and a round trip per record. Others are read from the views.
 *
 * <p>A form's {@code item} is shared: readers must not change it (copy it first).
 */
public class DevelopmentForms {

    /** One form of a development: one row of {@code development_version}. */
    public record Form(String eventId, int version, String negotiationId, Instant knownFrom, Instant recordedAt,
                       String type, Instant earliest, Instant latest, boolean retracted, ObjectNode item) {
    }

    private final ViewWriter views;
    private final ObjectMapper json;
    private final Object key = new Object();

    public DevelopmentForms(ViewWriter views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    /** Notes the form the negotiation projector has just written as current; only it may (ArchitectureTest). */
    public void opened(Form form) {
        openedInBatch().put(form.eventId(), form);
    }

    /** The development's current form, if it is in the views (or in this batch). */
    public Optional<Form> current(String eventId) {
        Form opened = openedInBatch().get(eventId);
        if (opened != null) {
            return Optional.of(opened);
        }
        return first(views.read().query("SELECT event_id, version, negotiation_id, known_from, recorded_at, type, earliest, "
                + "latest, retracted, body FROM development_version WHERE event_id = ? AND known_until IS NULL",
                (rs, i) -> form(rs), eventId));
    }

    /** One earlier form of the development (rarely needed: read from the views, after a flush). */
    public Optional<Form> version(String eventId, int version) {
        return first(views.read().query("SELECT event_id, version, negotiation_id, known_from, recorded_at, type, earliest, "
                + "latest, retracted, body FROM development_version WHERE event_id = ? AND version = ?",
                (rs, i) -> form(rs), eventId, version));
    }

    private Map<String, Form> openedInBatch() {
        return BatchScope.get(key, HashMap::new);
    }

    private Form form(ResultSet rs) throws SQLException {
        return new Form(rs.getString("event_id"), rs.getInt("version"), rs.getString("negotiation_id"),
                instant(rs, "known_from"), instant(rs, "recorded_at"), rs.getString("type"), instant(rs, "earliest"),
                instant(rs, "latest"), rs.getBoolean("retracted"), (ObjectNode) Payloads.read(json, rs.getString("body")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Optional<Form> first(List<Form> forms) {
        return forms.isEmpty() ? Optional.empty() : Optional.of(forms.get(0));
    }
}
