package org.lifecycle.system.hostile;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lifecycle.contracts.Topics;
import org.lifecycle.system.support.Infrastructure;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an installation holds, read through the services' public APIs and the broker: the records written to every
 * topic, sources and their keys, webhook endpoints, journeys and templates with their versions, segments, stage
 * models and jobs, profiles, RFM thresholds and the analytics figures. Two captures are equal when nothing changed.
 */
final class InstallationState {

    private final Installation suite;
    private final JsonApi ingestion;
    private final JsonApi segmentation;
    private final JsonApi campaign;
    private final JsonApi analytics;
    private final String journeyKey;
    private final String templateKey;
    private final String userId;

    InstallationState(Installation suite, Map<Service, JsonApi> apis, String journeyKey, String templateKey,
            String userId) {
        this.suite = suite;
        this.ingestion = apis.get(Service.INGESTION);
        this.segmentation = apis.get(Service.SEGMENTATION);
        this.campaign = apis.get(Service.CAMPAIGN);
        this.analytics = apis.get(Service.ANALYTICS);
        this.journeyKey = journeyKey;
        this.templateKey = templateKey;
        this.userId = userId;
    }

    /** Everything, as name → canonical text, in name order. */
    Map<String, String> capture() {
        Map<String, String> state = new TreeMap<>();
        List<String> topics = Topics.all().stream().map(suite::topic).toList();
        Infrastructure.endOffsets(topics).forEach((topic, end) -> state.put("records on " + topic, end.toString()));

        Map<String, String> admin = Map.of("Authorization", "Bearer " + suite.adminToken());
        JsonNode sources = ok(ingestion.send("GET", "/admin/sources", null, admin), "/admin/sources");
        state.put("ingestion sources", sources.toString());
        for (JsonNode source : sources) {
            String path = "/admin/sources/" + source.path("id").asText() + "/webhooks";
            state.put("ingestion webhooks of " + source.path("name").asText(),
                    ok(ingestion.send("GET", path, null, admin), path).toString());
        }

        state.put("campaign journeys", campaign.get("/api/journeys").toString());
        state.put("campaign versions of " + journeyKey,
                campaign.get("/api/journeys/" + journeyKey + "/versions").toString());
        state.put("campaign templates", campaign.get("/api/templates").toString());
        state.put("campaign versions of " + templateKey,
                campaign.get("/api/templates/" + templateKey + "/versions").toString());
        state.put("campaign enrollments of " + userId,
                campaign.get("/api/customers/" + userId + "/enrollments").toString());
        state.put("campaign messages of " + userId, campaign.get("/api/customers/" + userId + "/messages").toString());

        state.put("segmentation segments", segmentation.get("/api/segments").toString());
        state.put("segmentation stage models", segmentation.get("/api/stage-models").toString());
        state.put("segmentation active stage model", segmentation.get("/api/stage-models/active").path("version")
                .toString());
        state.put("segmentation jobs", jobs().toString());
        state.put("segmentation rfm thresholds", segmentation.get("/api/rfm/thresholds").toString());
        JsonNode profiles = segmentation.get("/api/profiles?limit=1000").path("items");
        state.put("segmentation profiles", Integer.toString(profiles.size()));
        for (JsonNode profile : profiles) {
            String id = profile.path("id").asText();
            state.put("segmentation profile " + id, segmentation.get("/api/profiles/" + id).toString());
            state.put("segmentation transitions of " + id,
                    segmentation.get("/api/profiles/" + id + "/transitions").toString());
            state.put("segmentation memberships of " + id,
                    segmentation.get("/api/profiles/" + id + "/memberships").toString());
        }

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "from=" + today.minusDays(2) + "&to=" + today.plusDays(1);
        state.put("analytics summary", analytics.get("/api/analytics/summary?" + range).toString());
        state.put("analytics campaigns", analytics.get("/api/analytics/campaigns?" + range).toString());
        state.put("analytics flows", analytics.get("/api/analytics/flows?" + range).toString());
        JsonApi.Response model = analytics.send("GET", "/api/analytics/predictions/model", null, Map.of());
        state.put("analytics prediction model", model.status() + " " + model.body());
        return state;
    }

    /** Whether segmentation-service has no job waiting or running. */
    boolean jobsDone() {
        for (JsonNode job : jobs()) {
            String status = job.path("status").asText();
            if (status.equals("pending") || status.equals("running")) {
                return false;
            }
        }
        return true;
    }

    /** Records the services have not applied yet, per consumer group and topic they read; empty when none. */
    List<String> unapplied() {
        List<String> behind = new ArrayList<>();
        lag(behind, Service.SEGMENTATION, Topics.EVENTS, Topics.DELETIONS);
        lag(behind, Service.CAMPAIGN, Topics.EVENTS, Topics.TRANSITIONS, Topics.MEMBERSHIPS, Topics.DELETIONS);
        lag(behind, Service.ANALYTICS, Topics.EVENTS, Topics.TRANSITIONS, Topics.MEMBERSHIPS, Topics.DISPATCHES,
                Topics.DELETIONS);
        return behind;
    }

    private void lag(List<String> behind, Service service, String... topics) {
        for (String topic : topics) {
            long lag = suite.consumerLag(service, topic);
            if (lag != 0) {
                behind.add(service.shortName() + " " + topic + ": " + lag);
            }
        }
    }

    private JsonNode jobs() {
        return segmentation.get("/api/jobs?limit=1000");
    }

    private static JsonNode ok(JsonApi.Response response, String what) {
        if (response.status() != 200) {
            throw new AssertionError("GET " + what + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }
}
