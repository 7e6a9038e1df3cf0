package org.lifecycle.analytics.aggregate.service;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Net Promoter Score and customer satisfaction of one period, overall or for one stage or segment. */
public record SatisfactionFigures(
        @Schema(description = "the day (yyyy-MM-dd), the month (yyyy-MM) or the whole range (from/to)") String period,
        @Schema(description = "with groupBy=stage: the stage the customers were in when they answered; (none) for no stage yet") String stage,
        @Schema(description = "with groupBy=segment: a segment the customers were in when they answered; (none) for none") String segment,
        @Schema(description = "answers with an NPS score (0-10) or category") long npsResponses,
        @Schema(description = "NPS answers of 9 or 10") long promoters,
        @Schema(description = "NPS answers of 7 or 8") long passives,
        @Schema(description = "NPS answers of 0 to 6") long detractors,
        @Schema(description = "Net Promoter Score, -100 to 100: % promoters - % detractors; null without NPS answers") Double nps,
        @Schema(description = "answers with a satisfaction rating") long csatResponses,
        @Schema(description = "ratings that are satisfied: a good rating, or a score of at least lifecycle.analytics.csat-satisfied-score") long satisfied,
        @Schema(description = "CSAT, 0 to 100: % of ratings that are satisfied; null without ratings") Double csat)
        implements
            CsvRow {

    public static final List<String> COLUMNS = List.of("period", "stage", "segment", "nps_responses", "promoters",
            "passives", "detractors", "nps", "csat_responses", "satisfied", "csat");

    @Override
    public List<Object> cells() {
        return Arrays.asList(period, stage, segment, npsResponses, promoters, passives, detractors, nps, csatResponses,
                satisfied, csat);
    }
}
