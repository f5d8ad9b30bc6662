package org.negotiationtimeline.timeline.negotiation;

/** What kind of thing a development is. */
public enum DevelopmentType {
    MEETING, STATEMENT, POSITION, SANCTIONS, APPOINTMENT, REPORT, OTHER
}
