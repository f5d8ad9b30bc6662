package org.negotiationtimeline.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.negotiationtimeline.projection.consuming.ProjectionPipeline;
import org.negotiationtimeline.projection.consuming.ViewWriter;
import org.negotiationtimeline.projection.documents.DocumentProjector;
import org.negotiationtimeline.projection.consuming.DevelopmentForms;
import org.negotiationtimeline.projection.negotiations.NegotiationProjector;
import org.negotiationtimeline.projection.state.StateIndexes;
import org.negotiationtimeline.projection.state.StateProjector;
import org.negotiationtimeline.projection.stream.StreamProjector;

/**
 * Every projector of the views, in the one order in which they must run on each record:
 * <ol>
 *   <li>{@link NegotiationProjector} opens, amends and closes each development's forms in
 *       {@link DevelopmentForms} (and writes the negotiation, actor and timeline views);</li>
 *   <li>{@link DocumentProjector} reads nothing of the others: documents, versions, lineage, statuses;</li>
 *   <li>{@link StateProjector} reads the forms step 1 just opened or amended, for the claim,
 *       position and width tables of the state query, and hands them (and the documents step 2
 *       wrote) to the in-memory {@link StateIndexes} once the batch has committed;</li>
 *   <li>{@link StreamProjector} last: its stream entry carries the forms as they stand after
 *       every other projector has applied the record, and it wakes the stream's subscribers only
 *       for what is written.</li>
 * </ol>
 * The forms are shared through one {@link DevelopmentForms} per pipeline, which is why the order
 * matters. This is the only place that lists the projectors: projection-service's context, the
 * tests that apply records directly and bench's view database all call {@link #pipeline}.
 */
public final class Projectors {

    private Projectors() {
    }

    /**
     * @param onStreamEntries called when stream entries were written (the stream hub's wake-up)
     * @param stateIndexes    the state query's in-memory indexes, kept current with the views
     */
    public static ProjectionPipeline pipeline(ViewWriter views, ObjectMapper json, Runnable onStreamEntries,
                                              StateIndexes stateIndexes) {
        DevelopmentForms forms = new DevelopmentForms(views, json);
        return new ProjectionPipeline(List.of(
                new NegotiationProjector(views, forms, json),
                new DocumentProjector(views, json),
                new StateProjector(views, forms, json, stateIndexes),
                new StreamProjector(views, forms, json, onStreamEntries)));
    }
}
