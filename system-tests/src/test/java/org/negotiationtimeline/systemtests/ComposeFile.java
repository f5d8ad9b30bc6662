package org.negotiationtimeline.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Compose file read the way Docker Compose reads it, for the part of the Compose specification
 * docker/compose.yaml uses: anchors and merge keys, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}} and {@code $$}
 * interpolation; per service {@code image}, {@code build} (context, dockerfile, args),
 * {@code hostname}, {@code environment}, {@code volumes} (named volumes and bind-mounted files),
 * {@code ports}, {@code depends_on}, {@code healthcheck} and {@code restart}. Anything else fails
 * loudly, so that the deployment test never silently ignores a part of the file it starts.
 */
final class ComposeFile {

    /** {@code build:} — a Dockerfile, its context and build arguments. */
    record Build(Path context, Path dockerfile, Map<String, String> args) {
    }

    /** A file of the project bind-mounted into the container ({@code ./x:/y[:ro]}). */
    record FileMount(Path source, String target) {
    }

    /** {@code healthcheck:}; {@code command} is what runs in the container (CMD-SHELL becomes {@code sh -c}). */
    record Healthcheck(List<String> command, Duration interval, Duration timeout, Duration startPeriod, int retries) {
    }

    /** One service, interpolated. */
    record Service(String name, String image, Build build, String hostname, Map<String, String> environment,
                   List<FileMount> files, List<String> namedVolumes, List<Integer> containerPorts,
                   Map<String, String> dependsOn, Healthcheck healthcheck) {
    }

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("name", "services", "volumes");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "hostname", "environment", "volumes",
            "ports", "depends_on", "healthcheck", "restart");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?})");

    private final Path file;
    private final String projectName;
    private final Map<String, Service> services;

    private ComposeFile(Path file, String projectName, Map<String, Service> services) {
        this.file = file;
        this.projectName = projectName;
        this.services = services;
    }

    /**
     * Reads {@code file}, interpolating with {@code variables} (as Compose would with the shell's
     * environment; this JVM's environment is not consulted, so the result does not depend on it).
     */
    static ComposeFile read(Path file, Map<String, String> variables) {
        Map<String, Object> root;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (String key : root.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(key) && !key.startsWith("x-")) {
                throw new IllegalArgumentException(file + ": top-level key '" + key + "' is not supported by ComposeFile");
            }
        }
        Path directory = file.toAbsolutePath().getParent();
        Map<String, Service> services = new LinkedHashMap<>();
        map(root.get("services"), "services").forEach((name, definition) ->
                services.put(name, service(directory, name, map(definition, "service " + name), variables)));
        for (Service service : services.values()) {
            for (String dependency : service.dependsOn().keySet()) {
                if (!services.containsKey(dependency)) {
                    throw new IllegalArgumentException(service.name() + " depends on unknown service " + dependency);
                }
            }
        }
        return new ComposeFile(file, String.valueOf(root.getOrDefault("name", directory.getFileName())), services);
    }

    Path file() {
        return file;
    }

    String projectName() {
        return projectName;
    }

    Map<String, Service> services() {
        return services;
    }

    Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in " + file + " (" + services.keySet() + ")");
        }
        return service;
    }

    /**
     * The services in start order: each group depends only on services of earlier groups, so the
     * services of one group can start together.
     */
    List<List<Service>> startOrder() {
        List<List<Service>> groups = new ArrayList<>();
        Set<String> started = new LinkedHashSet<>();
        while (started.size() < services.size()) {
            List<Service> group = services.values().stream()
                    .filter(s -> !started.contains(s.name()) && started.containsAll(s.dependsOn().keySet()))
                    .toList();
            if (group.isEmpty()) {
                throw new IllegalArgumentException("depends_on has a cycle among " + services.keySet());
            }
            group.forEach(s -> started.add(s.name()));
            groups.add(group);
        }
        return groups;
    }

    // ---------------------------------------------------------------------------------- parsing

    private static Service service(Path directory, String name, Map<String, Object> definition, Map<String, String> variables) {
        for (String key : definition.keySet()) {
            if (!SERVICE_KEYS.contains(key)) {
                throw new IllegalArgumentException("service " + name + ": key '" + key + "' is not supported by ComposeFile");
            }
        }
        String image = definition.containsKey("image") ? text(definition.get("image"), variables) : null;
        Build build = definition.containsKey("build") ? build(directory, name, definition.get("build"), variables) : null;
        if (image == null && build == null) {
            throw new IllegalArgumentException("service " + name + " has neither image nor build");
        }
        String hostname = definition.containsKey("hostname") ? text(definition.get("hostname"), variables) : null;

        Map<String, String> environment = new LinkedHashMap<>();
        Object env = definition.get("environment");
        if (env instanceof Map<?, ?> envMap) {
            envMap.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? "" : text(v, variables)));
        } else if (env instanceof List<?> envList) {
            for (Object entry : envList) {
                String assignment = text(entry, variables);
                int eq = assignment.indexOf('=');
                environment.put(eq < 0 ? assignment : assignment.substring(0, eq), eq < 0 ? "" : assignment.substring(eq + 1));
            }
        } else if (env != null) {
            throw new IllegalArgumentException("service " + name + ": environment is neither a map nor a list");
        }

        List<FileMount> files = new ArrayList<>();
        List<String> namedVolumes = new ArrayList<>();
        for (Object volume : list(definition.get("volumes"))) {
            String[] parts = text(volume, variables).split(":");
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
                throw new IllegalArgumentException("service " + name + ": volume '" + volume + "' is not SOURCE:TARGET[:ro|rw]");
            }
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                Path source = directory.resolve(parts[0]).normalize();
                if (!Files.isRegularFile(source)) {
                    throw new IllegalArgumentException("service " + name + ": bind mount of " + source
                            + ", which is not a file (ComposeFile copies single files only)");
                }
                files.add(new FileMount(source, parts[1]));
            } else {
                namedVolumes.add(parts[0] + ":" + parts[1]);
            }
        }

        List<Integer> ports = new ArrayList<>();
        for (Object port : list(definition.get("ports"))) {
            String[] parts = text(port, variables).split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
        }

        Map<String, String> dependsOn = new LinkedHashMap<>();
        Object depends = definition.get("depends_on");
        if (depends instanceof List<?> names) {
            names.forEach(n -> dependsOn.put(String.valueOf(n), "service_started"));
        } else if (depends instanceof Map<?, ?> conditions) {
            conditions.forEach((n, c) -> dependsOn.put(String.valueOf(n),
                    String.valueOf(map(c, "depends_on." + n).getOrDefault("condition", "service_started"))));
        }
        for (Map.Entry<String, String> dependency : dependsOn.entrySet()) {
            if (!Set.of("service_started", "service_healthy").contains(dependency.getValue())) {
                throw new IllegalArgumentException("service " + name + ": condition " + dependency.getValue() + " on "
                        + dependency.getKey() + " is not supported by ComposeFile");
            }
        }

        Healthcheck healthcheck = definition.containsKey("healthcheck")
                ? healthcheck(name, map(definition.get("healthcheck"), "healthcheck of " + name), variables)
                : null;
        return new Service(name, image, build, hostname, environment, files, namedVolumes, ports, dependsOn, healthcheck);
    }

    private static Build build(Path directory, String service, Object definition, Map<String, String> variables) {
        if (definition instanceof String context) {
            Path dir = directory.resolve(interpolate(context, variables)).normalize();
            return new Build(dir, dir.resolve("Dockerfile"), Map.of());
        }
        Map<String, Object> build = map(definition, "build of " + service);
        for (String key : build.keySet()) {
            if (!Set.of("context", "dockerfile", "args").contains(key)) {
                throw new IllegalArgumentException("service " + service + ": build key '" + key + "' is not supported");
            }
        }
        Path context = directory.resolve(text(build.getOrDefault("context", "."), variables)).normalize();
        Path dockerfile = context.resolve(text(build.getOrDefault("dockerfile", "Dockerfile"), variables)).normalize();
        Map<String, String> args = new LinkedHashMap<>();
        Object argsDefinition = build.get("args");
        if (argsDefinition instanceof Map<?, ?> argsMap) {
            argsMap.forEach((k, v) -> args.put(String.valueOf(k), text(v, variables)));
        } else if (argsDefinition != null) {
            throw new IllegalArgumentException("service " + service + ": build args must be a map");
        }
        return new Build(context, dockerfile, args);
    }

    private static Healthcheck healthcheck(String service, Map<String, Object> definition, Map<String, String> variables) {
        Object test = definition.get("test");
        List<String> command = new ArrayList<>();
        if (test instanceof String shell) {
            command.addAll(List.of("sh", "-c", interpolate(shell, variables)));
        } else if (test instanceof List<?> parts && !parts.isEmpty()) {
            String kind = String.valueOf(parts.get(0));
            List<String> rest = parts.subList(1, parts.size()).stream().map(p -> text(p, variables)).toList();
            switch (kind) {
                case "CMD" -> command.addAll(rest);
                case "CMD-SHELL" -> command.addAll(List.of("sh", "-c", String.join(" ", rest)));
                case "NONE" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("healthcheck of " + service + ": test starts with " + kind);
            }
        } else {
            throw new IllegalArgumentException("healthcheck of " + service + " has no test");
        }
        return new Healthcheck(command,
                duration(definition.getOrDefault("interval", "30s"), variables),
                duration(definition.getOrDefault("timeout", "30s"), variables),
                duration(definition.getOrDefault("start_period", "0s"), variables),
                Integer.parseInt(text(definition.getOrDefault("retries", 3), variables)));
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    static Duration duration(Object value, Map<String, String> variables) {
        String text = text(value, variables);
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("not a Compose duration: " + text);
        }
        return total;
    }

    /**
     * Compose's interpolation: {@code $$} is a literal {@code $}; an unset variable with neither
     * a default nor an error is the empty string (Compose warns).
     */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if ("$".equals(m.group(1))) {
                replacement = "$";
            } else {
                String name = m.group(2);
                String operator = m.group(3);
                String argument = m.group(4);
                String current = variables.get(name);
                boolean unset = current == null;
                boolean unsetOrEmpty = unset || current.isEmpty();
                if (operator == null) {
                    replacement = unset ? "" : current;
                } else {
                    boolean missing = operator.startsWith(":") ? unsetOrEmpty : unset;
                    if (operator.endsWith("-")) {
                        replacement = missing ? argument : current;
                    } else if (missing) {
                        throw new IllegalArgumentException("required variable " + name + " is missing: " + argument);
                    } else {
                        replacement = current;
                    }
                }
                if (replacement.contains("${")) {
                    throw new IllegalArgumentException("nested interpolation is not supported: " + value);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object value, Map<String, String> variables) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("expected a scalar, got " + value);
        }
        return interpolate(String.valueOf(value), variables);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a map: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, got " + value);
        }
        return list;
    }
}
