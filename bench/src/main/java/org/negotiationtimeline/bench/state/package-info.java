/**
 * Issue 8, item 3(b): the state of the deal at X as known at Y, in-process (JMH) — the view's own
 * time-indexed lookup against folding the negotiation's events in memory.
 *
 * <ul>
 *   <li>{@link org.negotiationtimeline.bench.state.NegotiationHistory}: a seeded history of one
 *       negotiation in the published form, written by projection-service's published-event
 *       builders (its test-jar);</li>
 *   <li>{@link org.negotiationtimeline.bench.state.ViewDatabase}: projection-service's views of it,
 *       built in-process by its own schema, batch applier and projectors;</li>
 *   <li>{@code org.negotiationtimeline.projection.fixture.StateFold} (the same test-jar): the
 *       answer without a view, the one reference fold of the state rules;</li>
 *   <li>{@link org.negotiationtimeline.bench.state.StateBenchmark}: the two, side by side;
 *       {@link org.negotiationtimeline.bench.state.StateMicroBenchmarks} runs them.</li>
 * </ul>
 */
package org.negotiationtimeline.bench.state;
