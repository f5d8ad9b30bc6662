/**
 * Benchmarks of the negotiation timeline (docs/benchmarks.md): a load driver for the running
 * system and JMH micro-benchmarks, each measured beside its baseline in the same run.
 */
package org.negotiationtimeline.bench;
