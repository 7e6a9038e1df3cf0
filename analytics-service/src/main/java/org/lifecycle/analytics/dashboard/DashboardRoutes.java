package org.lifecycle.analytics.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the dashboard page under the configured path ({@link DashboardConfig}): the page and its assets from
 * {@code dashboard/} on the class path (not under {@code META-INF/resources}, so nothing serves them at a fixed
 * path), and under {@code <path>/api/} the read-only figures it reads ({@link ApiProxyPath}), forwarded inside the
 * process to {@code /api/analytics/}. Everything the page loads is under the one path, so an ingress that exposes
 * only it serves the whole dashboard.
 */
@ApplicationScoped
public class DashboardRoutes {

    /** Where the assets are on the class path. */
    static final String ASSET_ROOT = "dashboard/";
    /** Every file the page is made of. */
    static final List<String> ASSETS = List.of("index.html", "dashboard.css", "js/app.js", "js/api.js",
            "js/format.js", "js/svg.js", "js/lifecycle-map.js", "js/trends.js", "js/cohorts.js", "js/clv.js",
            "js/campaigns.js", "js/satisfaction.js", "js/visitors.js", "js/calendar.js");

    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "css",
            "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");
    /** Nothing outside the service can load: scripts, styles, data and images come from the page's own origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Router router, DashboardConfig config) {
        DashboardPath dashboard = DashboardPath.of(config.path());
        String base = dashboard.value();
        Map<String, Buffer> assets = load();
        String apiPrefix = base + "/api/";
        // Before every other route, whatever the method: a request sent under the dashboard path stays there, so dot
        // segments cannot reach the rest of the service (the metrics, a single customer's data) through it.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1).handler(context -> {
            if (dashboard.leftBy(context.request().path(), context.normalizedPath())) {
                context.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Not found");
            } else {
                context.next();
            }
        });
        router.get(base).handler(context -> {
            if (context.normalizedPath().equals(base)) {
                // The page calls its API relative to itself: it must be opened as <path>/.
                context.redirect(base + "/");
            } else {
                context.next();
            }
        });
        router.get(apiPrefix + "*").handler(context -> proxy(context, apiPrefix));
        router.get(base + "/*").handler(context -> serve(context, base, assets));
        Log.infof("dashboard at %s/ (API for the page under %s)", base, apiPrefix);
    }

    private static void proxy(RoutingContext context, String apiPrefix) {
        String path = context.normalizedPath();
        Optional<String> target = ApiProxyPath.target(path.substring(apiPrefix.length()), context.request().query());
        if (target.isEmpty()) {
            JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Not Found")
                    .put("status", 404).put("detail", "the dashboard reads only the aggregate figures: "
                            + path + " is not one of them");
            context.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end(problem.encode());
            return;
        }
        context.reroute(HttpMethod.GET, target.get());
    }

    private static void serve(RoutingContext context, String base, Map<String, Buffer> assets) {
        String path = context.normalizedPath();
        String name = path.length() <= base.length() + 1 ? "index.html" : path.substring(base.length() + 1);
        Buffer body = assets.get(name);
        if (body == null) {
            context.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Not found: " + path);
            return;
        }
        context.response()
                .putHeader("Content-Type", CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .end(body);
    }

    private static Map<String, Buffer> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, Buffer> assets = new LinkedHashMap<>();
        for (String name : ASSETS) {
            try (InputStream in = loader.getResourceAsStream(ASSET_ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "dashboard asset missing from the class path: " + ASSET_ROOT + name);
                }
                assets.put(name, Buffer.buffer(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dashboard asset " + name, e);
            }
        }
        return Map.copyOf(assets);
    }
}
