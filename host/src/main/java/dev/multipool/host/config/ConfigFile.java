package dev.multipool.host.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the {@code --config} file: a YAML mapping from option names (without the leading dashes)
 * to values. Scalars are taken as written; a list becomes a comma-separated value
 * ({@code consumers: [pod, dra]}); a mapping becomes {@code key=value,...}
 * ({@code ipam-multi-pool-pre-allocation: {default: 8}}). Values then go through the same parsing
 * as on the command line.
 */
final class ConfigFile {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private ConfigFile() {
    }

    /**
     * Reads the file.
     *
     * @param file the file given with {@code --config}
     * @return its options in file order
     * @throws UsageException if the file cannot be read or is not such a mapping
     */
    static List<GivenValue> read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("invalid value \"" + name + "\" for --config: no such readable file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file);
        } catch (JacksonException e) {
            throw new UsageException("invalid value \"" + name + "\" for --config: not valid YAML: " + e.getOriginalMessage()
                    + Optional.ofNullable(e.getLocation()).map(l -> " (line " + l.getLineNr() + ")").orElse(""));
        }
        List<GivenValue> given = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return given;
        }
        if (!root.isObject()) {
            throw new UsageException("invalid value \"" + name + "\" for --config: expected a mapping of option names to values");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            if (key.equals(HostFlag.CONFIG.flagName())) {
                throw new UsageException("--config cannot be set inside the config file " + name);
            }
            given.add(new GivenValue(key, Optional.of(text(key, entry.getValue(), name)), false, Optional.of(name)));
        }
        return given;
    }

    private static String text(String key, JsonNode node, String file) {
        if (node.isNull() || node.isMissingNode()) {
            throw new UsageException("missing value for --" + key + " (in " + file + ")");
        }
        if (node.isValueNode()) {
            return node.asString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                items.add(scalar(key, item, file));
            }
            return String.join(",", items);
        }
        return node.properties().stream()
                .map(e -> e.getKey() + "=" + scalar(key, e.getValue(), file))
                .collect(Collectors.joining(","));
    }

    private static String scalar(String key, JsonNode node, String file) {
        if (!node.isValueNode() || node.isNull()) {
            throw new UsageException("invalid value for --" + key + " (in " + file
                    + "): nested lists and mappings are not supported");
        }
        return node.asString();
    }
}
