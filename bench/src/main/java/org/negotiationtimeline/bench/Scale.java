package org.negotiationtimeline.bench;

import java.util.List;

/**
 * How much each scenario does. {@link #QUICK} runs in a few minutes (CI smoke test, a first look);
 * {@link #FULL} is the scale issue 8 sets (1M developments across 1,000 negotiations with 100
 * document versions each) and takes hours on 2 cores.
 *
 * @param ingestPerLevel             developments written per run at each client count
 * @param repeats                    runs per measurement, for medians over runs
 * @param negotiations               bulk import: negotiations
 * @param developmentsPerNegotiation bulk import: developments per negotiation
 * @param versionsPerNegotiation     bulk import: versions of each negotiation's document
 * @param importClients              bulk import: concurrent clients
 * @param stateQueries               /state queries per run (and as many replays for the baseline, at most
 *                                   {@code replayQueries})
 * @param replayQueries              baseline replays per run (each reads a whole negotiation back)
 * @param streamEvents               developments written while the subscribers listen
 * @param streamSubscribers          subscriber counts to measure
 */
public record Scale(String name, List<Integer> ingestClients, int ingestPerLevel, int repeats, int negotiations,
                    int developmentsPerNegotiation, int versionsPerNegotiation, int importClients, int stateQueries,
                    int replayQueries, int streamEvents, List<Integer> streamSubscribers) {

    public static final Scale QUICK = new Scale("quick", List.of(1, 16, 64), 640, 3, 10, 200, 10, 8, 300, 100, 10,
            List.of(1, 100, 1000));

    public static final Scale FULL = new Scale("full", List.of(1, 16, 64), 6400, 3, 1000, 1000, 100, 16, 5000, 500, 50,
            List.of(1, 100, 1000));

    /** Quick runs (also with a resized import) keep the JMH part small too. */
    public boolean isQuick() {
        return name.startsWith("quick");
    }

    public long developments() {
        return (long) negotiations * developmentsPerNegotiation;
    }

    /** The same scale with bulk import resized, e.g. to a tenth of FULL for a run of an hour or so. */
    public Scale withImport(int negotiations, int developmentsPerNegotiation, int versionsPerNegotiation) {
        return new Scale(name + "(" + negotiations + "x" + developmentsPerNegotiation + ")", ingestClients, ingestPerLevel,
                repeats, negotiations, developmentsPerNegotiation, versionsPerNegotiation, importClients, stateQueries,
                replayQueries, streamEvents, streamSubscribers);
    }
}
