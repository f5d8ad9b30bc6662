package org.negotiationtimeline.timeline.negotiation;

/** What a negotiated text is. */
public enum DocumentKind {
    PLAN, FRAMEWORK, PROPOSAL, JOINT_STATEMENT, AGREEMENT, TREATY, BILL, OTHER
}
