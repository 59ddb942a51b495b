package dev.multipool.plugins.dra.claims;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the {@code nodeSelector} of a claim's {@code status.allocation} (a core/v1
 * NodeSelector) against this node, with Kubernetes' rules: terms are ORed; within a term every
 * {@code matchExpressions} entry (on labels) and every {@code matchFields} entry (only
 * {@code metadata.name} exists) must hold; an empty term, an empty term list or an unknown operator
 * or field selects nothing.
 *
 * <p>A missing selector selects nothing here: Kubernetes reads it as "available everywhere", and if
 * every node's controller served such a claim they would fight over one status.
 */
final class AllocationNodeSelector {

    private static final String NAME_FIELD = "metadata.name";

    private AllocationNodeSelector() {
    }

    /**
     * Returns whether the selector selects the node.
     *
     * @param selector the allocation's node selector, or null
     * @param nodeName the node's name
     * @param labels the node's labels
     * @return true if some term selects the node
     */
    static boolean selects(NodeSelector selector, String nodeName, Map<String, String> labels) {
        if (selector == null || selector.getNodeSelectorTerms() == null) {
            return false;
        }
        for (NodeSelectorTerm term : selector.getNodeSelectorTerms()) {
            if (term != null && termSelects(term, nodeName, labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean termSelects(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
        List<NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement expression : expressions) {
            if (!holds(expression, labels.get(expression.getKey()))) {
                return false;
            }
        }
        for (NodeSelectorRequirement field : fields) {
            if (!NAME_FIELD.equals(field.getKey())) {
                return false;
            }
            String operator = field.getOperator();
            if (!"In".equals(operator) && !"NotIn".equals(operator)) {
                return false;
            }
            if (!holds(field, nodeName)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(NodeSelectorRequirement requirement, String value) {
        List<String> values = orEmpty(requirement.getValues());
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        switch (operator) {
            case "In":
                return value != null && values.contains(value);
            case "NotIn":
                return value == null || !values.contains(value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            case "Gt":
            case "Lt":
                return compares(operator, value, values);
            default:
                return false;
        }
    }

    private static boolean compares(String operator, String value, List<String> values) {
        if (value == null || values.size() != 1) {
            return false;
        }
        try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(values.get(0));
            return "Gt".equals(operator) ? actual > bound : actual < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
