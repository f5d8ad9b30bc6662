package org.negotiationtimeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentiles_are_measured_values_by_nearest_rank() {
        double[] hundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray(); // unsorted

        assertThat(Stats.median(hundred)).isEqualTo(50);
        assertThat(Stats.p99(hundred)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
    }

    @Test
    void a_single_sample_is_its_own_median_and_p99() {
        assertThat(Stats.median(new double[] {7})).isEqualTo(7);
        assertThat(Stats.p99(new double[] {7})).isEqualTo(7);
    }

    @Test
    void no_samples_is_an_error_not_a_figure() {
        assertThatThrownBy(() -> Stats.median(new double[0])).hasMessageContaining("no samples");
    }
}
