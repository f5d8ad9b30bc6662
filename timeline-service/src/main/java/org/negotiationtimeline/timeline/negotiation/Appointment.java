package org.negotiationtimeline.timeline.negotiation;

/** A person appointed to an office, and by whom when the source says so. */
public record Appointment(String person, String office, String by) {
}
