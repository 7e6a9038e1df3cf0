package org.lifecycle.bench.segmentation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void nearestRankPercentileIsTheSmallestValueWithThatShareAtOrBelowIt() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(Stats.percentile(hundred, 0.50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 1.0)).isEqualTo(100);
        assertThat(Stats.percentile(hundred, 0.001)).isEqualTo(1);
        long[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(Stats.percentile(ten, 0.50)).isEqualTo(50);
        // 99% of ten values needs all ten at or below: the largest
        assertThat(Stats.percentile(ten, 0.99)).isEqualTo(100);
        assertThat(Stats.percentile(new long[]{7}, 0.5)).isEqualTo(7);
    }

    @Test
    void percentileRejectsNoValuesAndShareOutsideZeroToOne() {
        assertThatThrownBy(() -> Stats.percentile(new long[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[]{1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[]{1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summarySortsACopyAndGivesP50P99AndMax() {
        long[] values = {900, 5, 40, 12, 7, 3, 30, 8, 1, 2};
        Stats.Summary s = Stats.summarize(values);
        assertThat(s).isEqualTo(new Stats.Summary(10, 7, 900, 900));
        assertThat(values[0]).isEqualTo(900);
        assertThat(Stats.summarize(new long[0])).isEqualTo(Stats.Summary.EMPTY);
    }

    @Test
    void rateIsCountDifferenceOverElapsedSeconds() {
        assertThat(Stats.rate(500, 1_000_000_000L, 26_500, 11_000_000_000L)).isEqualTo(2_600.0);
        assertThat(Stats.rate(0, 5, 100, 5)).isZero();
    }

    @Test
    void pacedEventsAreDueAtStartPlusIndexOverRate() {
        assertThat(Stats.dueNanos(1_000, 0, 2000)).isEqualTo(1_000);
        assertThat(Stats.dueNanos(1_000, 2000, 2000)).isEqualTo(1_000_001_000L);
        assertThat(Stats.dueNanos(0, 3, 2000)).isEqualTo(1_500_000);
    }

    @Test
    void lateProfilesAreOrderedSoTheirChangesFallDueSpreadOverTheWindow() {
        long now = 1_000_000_000L;
        long gap = 40L * 86_400_000;
        assertThat(Stats.eventTimeForDue(now, gap, 30_000, 30_000, 0, 5) + gap).isEqualTo(now + 30_000);
        assertThat(Stats.eventTimeForDue(now, gap, 30_000, 30_000, 4, 5) + gap).isEqualTo(now + 60_000);
        assertThat(Stats.eventTimeForDue(now, gap, 30_000, 30_000, 2, 5) + gap).isEqualTo(now + 45_000);
        assertThat(Stats.eventTimeForDue(now, gap, 30_000, 30_000, 0, 1) + gap).isEqualTo(now + 30_000);
    }

    @Test
    void loadAverageIsTheFirstThreeFieldsOfProcLoadavg() {
        assertThat(Stats.loadAverage("1.52 1.31 1.20 3/812 12345\n")).isEqualTo("1.52 1.31 1.20");
        assertThatThrownBy(() -> Stats.loadAverage("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuTicksAreUserPlusSystemTimeCountedAfterTheCommandName() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0 40 0 100 0 0";
        assertThat(Stats.cpuTicks(stat)).isEqualTo(1750);
        assertThatThrownBy(() -> Stats.cpuTicks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockedThreadWarningsAreFoundAndTheLongestReported() {
        List<String> log = List.of(
                "2026-12-07 03:00:01,000 INFO  [io.quarkus] started",
                "2026-12-07 03:00:05,000 WARN  [io.vertx.core.impl.BlockedThreadChecker] (vertx-blocked-thread-checker)"
                        + " Thread Thread[vert.x-eventloop-thread-1,5,main] has been blocked for 2468 ms, time limit"
                        + " is 2000 ms",
                "2026-12-07 03:00:06,000 WARN  [io.vertx.core.impl.BlockedThreadChecker] (vertx-blocked-thread-checker)"
                        + " Thread Thread[vert.x-eventloop-thread-1,5,main] has been blocked for 4912 ms, time limit"
                        + " is 2000 ms");
        assertThat(Stats.maxBlockedMillis(log)).isEqualTo(4912);
        assertThat(log.stream().filter(Stats::isBlockedWarning).count()).isEqualTo(2);
        assertThat(Stats.maxBlockedMillis(List.of("nothing here"))).isZero();
    }

    @Test
    void mapProfilesAreInsertedOverEveryStageAndGroupWithoutADueChange() {
        String sql = SegmentationBenchmarkCommand.mapInsert(1, 100_000);
        assertThat(sql).contains("generate_series(1, 100000)").contains("'prospect'").contains("'lapsed'")
                .contains("'about_to_lose'").doesNotContain("next_change_at");
    }
}
