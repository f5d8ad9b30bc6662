package org.negotiationtimeline.timeline.negotiation;

/** What a speaker said: {@code verbatim} words as printed, or a paraphrase of them. */
public record Quote(String text, boolean verbatim) {
}
