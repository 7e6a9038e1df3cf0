package org.lifecycle.campaign.template.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.lifecycle.campaign.problem.Violation;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.JsonEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;

/**
 * Qute for message templates: an engine of its own, apart from the application's, with no namespaces, no
 * includes and no reflection, so a template reaches only the {@link MessageModel}. Values are escaped for the part's
 * content type (HTML in {@code html}, JSON strings in {@code payload}); a value that is absent (a trait the customer
 * does not have) renders as nothing rather than failing the send, and {@code ?:} gives it a default.
 *
 * <p>
 * Everything that can go wrong with a template is found when it is saved ({@link #check}): syntax errors, names
 * outside the model, properties the model's fixed objects do not have, a part the channel does not take, and a
 * payload that does not render to JSON.
 */
public final class TemplateEngine {

    private static final Pattern ERROR_PREFIX = Pattern.compile("^(Parser|Rendering) error in template \\[[^]]*]: ");
    private static final String EMPTY_ALIAS = "$empty$";

    private final Engine engine = Engine.builder()
            .addDefaults()
            .strictRendering(false)
            .removeStandaloneLines(true)
            .addResultMapper(new HtmlEscaper(List.of("text/html")))
            .addResultMapper(new JsonEscaper())
            .addResultMapper(new NotFoundAsNothing())
            .build();

    /** The parts parsed, for rendering; throws {@link TemplateException} for a template that does not parse. */
    public Map<TemplatePart, Template> parse(Map<TemplatePart, String> parts) {
        Map<TemplatePart, Template> parsed = new EnumMap<>(TemplatePart.class);
        parts.forEach((part, text) -> parsed.put(part, engine.parse(text, part.variant(), part.field())));
        return parsed;
    }

    /** Renders parsed parts with a message's data. */
    public Map<TemplatePart, String> render(Map<TemplatePart, Template> parsed, Map<String, Object> data) {
        Map<TemplatePart, String> rendered = new EnumMap<>(TemplatePart.class);
        parsed.forEach((part, template) -> rendered.put(part, template.render(data)));
        return rendered;
    }

    /** Every fault of a draft, each naming its part; empty when the draft can be saved. */
    public List<Violation> check(TemplateDraft draft, Map<String, Object> sampleData) {
        List<Violation> violations = new ArrayList<>();
        Map<TemplatePart, String> parts = draft.parts();
        for (TemplatePart part : TemplatePart.values()) {
            boolean given = parts.containsKey(part);
            if (draft.channel() != null && given && !part.allowedFor(draft.channel())) {
                violations.add(new Violation(part.field(), "A " + draft.channel().wireName()
                        + " template has no " + part.field() + "; leave it out"));
            } else if (draft.channel() != null && !given && part.requiredFor(draft.channel())) {
                violations.add(new Violation(part.field(), "A " + draft.channel().wireName() + " template needs "
                        + part.field()));
            } else if (given && parts.get(part).length() > part.maxLength()) {
                violations.add(new Violation(part.field(), part.field() + " is longer than " + part.maxLength()
                        + " characters"));
            } else if (given) {
                violations.addAll(checkPart(part, parts.get(part), sampleData));
            }
        }
        return violations;
    }

    private List<Violation> checkPart(TemplatePart part, String text, Map<String, Object> sampleData) {
        Template template;
        try {
            template = engine.parse(text, part.variant(), part.field());
        } catch (TemplateException e) {
            return List.of(violation(part, e));
        }
        List<Violation> violations = new ArrayList<>();
        new NameCheck(part, violations).nodes(template.getNodes(), Scope.TOP);
        if (!violations.isEmpty()) {
            return violations;
        }
        String rendered;
        try {
            rendered = template.render(sampleData);
        } catch (TemplateException e) {
            return List.of(violation(part, e));
        }
        if (part == TemplatePart.PAYLOAD) {
            try {
                LifecycleJson.mapper().readTree(rendered);
            } catch (JsonProcessingException e) {
                var location = e.getLocation();
                return List.of(new Violation(part.field(), "payload does not render to JSON: "
                        + e.getOriginalMessage().lines().findFirst().orElse(""),
                        location == null ? null : location.getLineNr(),
                        location == null ? null : location.getColumnNr()));
            }
        }
        return List.of();
    }

    private static Violation violation(TemplatePart part, TemplateException e) {
        var origin = e.getOrigin();
        String message = ERROR_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
        if (origin == null) {
            return new Violation(part.field(), part.field() + ": " + message);
        }
        return new Violation(part.field(), part.field() + " line " + origin.getLine() + ", column "
                + origin.getLineCharacterStart() + ": " + message, origin.getLine(),
                origin.getLineCharacterStart());
    }

    /**
     * The names visible at a place in a template: the model's, plus loop aliases and {@code let} names of the
     * sections around it. Inside {@code with}, any name may be a property of the object, so none is refused there.
     */
    private record Scope(Set<String> names, Set<String> prefixes, boolean open) {

        static final Scope TOP = new Scope(Set.of(), Set.of(), false);

        boolean defines(String name) {
            return open || names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
        }

        Scope with(Set<String> moreNames, Set<String> morePrefixes, boolean nowOpen) {
            Set<String> n = new HashSet<>(names);
            n.addAll(moreNames);
            Set<String> p = new HashSet<>(prefixes);
            p.addAll(morePrefixes);
            return new Scope(n, p, open || nowOpen);
        }
    }

    private static final class NameCheck {

        private final TemplatePart part;
        private final List<Violation> violations;

        NameCheck(TemplatePart part, List<Violation> violations) {
            this.part = part;
            this.violations = violations;
        }

        void nodes(List<TemplateNode> nodes, Scope scope) {
            for (TemplateNode node : nodes) {
                if (node.isExpression()) {
                    node.getExpressions().forEach(expression -> expression(expression, scope));
                } else if (node.isSection()) {
                    section(node.asSection(), scope);
                }
            }
        }

        private void section(SectionNode section, Scope scope) {
            for (SectionBlock block : section.getBlocks()) {
                block.expressions.values().forEach(expression -> expression(expression, scope));
                Scope inner = switch (section.getName()) {
                    case "for", "each" -> {
                        String alias = block.parameters.get("alias");
                        String name = alias == null || alias.equals(EMPTY_ALIAS) ? "it" : alias;
                        // iteration metadata: item_index, item_count, item_hasNext, ...
                        yield scope.with(Set.of(name), Set.of(name + "_"), false);
                    }
                    case "let", "set" -> scope.with(letNames(block.parameters.keySet()), Set.of(), false);
                    case "with" -> scope.with(Set.of(), Set.of(), true);
                    default -> scope;
                };
                nodes(block.nodes, inner);
            }
        }

        private static Set<String> letNames(Set<String> parameters) {
            Set<String> names = new HashSet<>();
            // {#let name?=default} declares name
            parameters.forEach(name -> names.add(name.endsWith("?") ? name.substring(0, name.length() - 1) : name));
            return names;
        }

        private void expression(Expression expression, Scope scope) {
            if (expression.isLiteral() || expression.getParts().isEmpty()) {
                return;
            }
            List<Expression.Part> parts = expression.getParts();
            for (Expression.Part p : parts) {
                if (p.isVirtualMethod()) {
                    p.asVirtualMethod().getParameters().forEach(parameter -> expression(parameter, scope));
                }
            }
            Expression.Part first = parts.getFirst();
            if (first.isVirtualMethod() || scope.defines(first.getName())) {
                return;
            }
            String name = first.getName();
            if (!MessageModel.NAMES.contains(name)) {
                violations.add(at(expression, "unknown name " + name + " in {" + expression.toOriginalString()
                        + "}; a template can use " + String.join(", ", new TreeSet<>(MessageModel.NAMES))));
                return;
            }
            Set<String> properties = MessageModel.PROPERTIES.get(name);
            if (properties != null && parts.size() > 1 && !parts.get(1).isVirtualMethod()
                    && !properties.contains(parts.get(1).getName())) {
                violations.add(at(expression, name + " has no " + parts.get(1).getName() + " in {"
                        + expression.toOriginalString() + "}; it has " + String.join(", ", new TreeSet<>(
                                properties))));
            }
        }

        private Violation at(Expression expression, String message) {
            var origin = expression.getOrigin();
            return new Violation(part.field(), part.field() + " line " + origin.getLine() + ", column "
                    + origin.getLineCharacterStart() + ": " + message, origin.getLine(),
                    origin.getLineCharacterStart());
        }
    }

    /** A value the data does not have renders as nothing, so a missing optional trait never fails a send. */
    private static final class NotFoundAsNothing implements ResultMapper {

        @Override
        public int getPriority() {
            // ahead of the escapers, which would otherwise print the not-found marker
            return 100;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return Results.isNotFound(result);
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }
}
