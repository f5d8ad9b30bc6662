package org.negotiationtimeline.projection.consuming;

import java.util.List;

/**
 * The projections a batch is applied through, in the order that is part of their contract: a
 * later projection may read what an earlier one wrote in the same transaction. This module only
 * runs the pipeline; which projections it holds, and why in that order, is said once, in
 * {@code org.negotiationtimeline.projection.Projectors} — the application, tests and bench all
 * take it from there.
 */
public record ProjectionPipeline(List<Projection> inOrder) {

    public ProjectionPipeline {
        inOrder = List.copyOf(inOrder);
    }
}
