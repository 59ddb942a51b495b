package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, all ANDed). An
 * empty selector matches every object, as in Kubernetes.
 *
 * @param matchLabels labels that must be present with exactly these values
 * @param matchExpressions further requirements
 */
public record LabelSelector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

    /** Validates and copies the parts. */
    public LabelSelector {
        matchLabels = Map.copyOf(requireNonNull(matchLabels, "matchLabels is null"));
        matchExpressions = List.copyOf(requireNonNull(matchExpressions, "matchExpressions is null"));
    }

    /**
     * Parses a selector from its JSON tree ({@code {matchLabels: {...}, matchExpressions: [...]}}).
     *
     * @param tree the selector object
     * @return the selector
     * @throws IllegalArgumentException naming the bad part when the tree is not a valid selector
     */
    public static LabelSelector parse(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("label selector must be an object, found " + tree);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Object matchLabels = map.get("matchLabels");
        if (matchLabels != null) {
            if (!(matchLabels instanceof Map<?, ?> labelMap)) {
                throw new IllegalArgumentException("matchLabels must be an object, found " + matchLabels);
            }
            labelMap.forEach((key, value) -> {
                if (!(key instanceof String) || !(value instanceof String)) {
                    throw new IllegalArgumentException("matchLabels entry " + key + "=" + value + " is not a string pair");
                }
                labels.put((String) key, (String) value);
            });
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        Object expressions = map.get("matchExpressions");
        if (expressions != null) {
            if (!(expressions instanceof List<?> list)) {
                throw new IllegalArgumentException("matchExpressions must be a list, found " + expressions);
            }
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> expression) || !(expression.get("key") instanceof String key)) {
                    throw new IllegalArgumentException("matchExpressions entry needs a key: " + item);
                }
                List<String> values = new ArrayList<>();
                Object valueList = expression.get("values");
                if (valueList instanceof List<?> texts) {
                    for (Object text : texts) {
                        if (!(text instanceof String value)) {
                            throw new IllegalArgumentException("values of key \"" + key
                                    + "\" must be strings, found " + text);
                        }
                        values.add(value);
                    }
                } else if (valueList != null) {
                    throw new IllegalArgumentException("values of key \"" + key + "\" must be a list");
                }
                requirements.add(new LabelRequirement(key,
                        LabelRequirement.Operator.parse(String.valueOf(expression.get("operator"))), values));
            }
        }
        return new LabelSelector(labels, requirements);
    }

    /**
     * Returns whether the labels satisfy every part of the selector.
     *
     * @param labels the labels of an object
     * @return the result
     */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> required : matchLabels.entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
