package io.ocatopic.kube;

import io.ocatopic.core.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Checks Kubernetes objects as kube-apiserver and the consuming operators would, offline: against the
 * upstream CRDs bundled in kube-support (verbatim copies; {@code crds/SOURCES.md} in the jar names each
 * one's repository and commit), and against the operators' own admission rules ({@link AdmissionRule}s
 * found on the class path).
 *
 * <p>For a custom resource it does what the API server does on create: unknown fields are pruned and,
 * as {@code kubectl --validate=strict} has the server do, reported; {@code null}s of non-nullable
 * fields are dropped; schema defaults are set; the JSON Schema keywords (required, type, enum, pattern,
 * format, min/max, {@code x-kubernetes-int-or-string}, {@code nullable}) are checked by networknt's
 * validator; list-map keys and sets; {@code x-kubernetes-validations} CEL rules by Google's CEL; object
 * names, namespaces, labels and annotations. A built-in kind (core, apps, rbac, coordination, ...) gets
 * the metadata checks only. A kind with no schema is a problem: a server without its CRD refuses it.
 *
 * <pre>{@code
 * SchemaCheck check = SchemaCheck.bundled();
 * SchemaCheck.Report report = check.checkAll(objects);   // e.g. a rendered chassis's hub objects
 * report.results().stream().filter(r -> !r.conforms())
 *         .forEach(r -> r.problems().forEach(p -> System.err.println(r.ref() + " " + p)));
 * }</pre>
 */
public final class SchemaCheck {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    /** API groups that kube-apiserver (or OpenShift's) serves without a CRD. */
    private static final Set<String> BUILTIN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "rbac.authorization.k8s.io", "networking.k8s.io", "storage.k8s.io", "coordination.k8s.io",
            "apiextensions.k8s.io", "admissionregistration.k8s.io", "scheduling.k8s.io", "node.k8s.io",
            "discovery.k8s.io", "events.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io",
            "resource.k8s.io", "route.openshift.io", "image.openshift.io", "project.openshift.io",
            "security.openshift.io", "user.openshift.io", "oauth.openshift.io", "apps.openshift.io",
            "build.openshift.io", "template.openshift.io", "authorization.openshift.io", "quota.openshift.io");
    private static final SchemaCheck BUNDLED = new SchemaCheck(CrdCatalog.bundled(), loadRules());

    static {
        io.ocatopic.kube.internal.SchemaChecks.register(new io.ocatopic.kube.internal.SchemaChecks.Access() {
            @Override
            public java.util.List<io.ocatopic.kube.internal.SchemaChecks.ServedType> types(SchemaCheck check) {
                return check.catalog.entries().stream().map(e -> new io.ocatopic.kube.internal.SchemaChecks.ServedType(
                        e.apiVersion(), e.kind(), e.plural(), e.namespaced(), e.statusSubresource())).toList();
            }

            @Override
            public Result check(SchemaCheck check, ObjectNode object, ObjectNode old, boolean strict) {
                return check.check(object, old, strict);
            }
        });
    }

    private final CrdCatalog catalog;
    private final List<AdmissionRule> rules;

    private SchemaCheck(CrdCatalog catalog, List<AdmissionRule> rules) {
        this.catalog = catalog;
        this.rules = rules;
    }

    /**
     * The check over the bundled CRDs and the admission rules on the class path. Cheap to call: CRD
     * files are parsed on first use of one of their types and shared.
     *
     * @return the shared, thread-safe check
     */
    public static SchemaCheck bundled() {
        return BUNDLED;
    }

    /**
     * A check that also knows the CRDs in these files (YAML, one or more documents each); a type they
     * define replaces the bundled one of the same {@code apiVersion} and kind.
     *
     * @param crdFiles CRD files
     * @return a new check
     * @throws KubeException with {@link KubeException.Reason#MALFORMED} when a file is unreadable or holds no CRD
     */
    public SchemaCheck withCrds(Collection<Path> crdFiles) {
        return new SchemaCheck(catalog.with(List.copyOf(crdFiles)), rules);
    }

    /**
     * Checks one object.
     *
     * @param object a typed or generic fabric8 object
     * @return the result, with the object as the server would store it (defaults set, unknown fields pruned)
     */
    public Result check(HasMetadata object) {
        return check(JSON.convertValue(Objects.requireNonNull(object, "object"), ObjectNode.class), null, true);
    }

    /**
     * Checks one object given as a JSON tree (as read from YAML).
     *
     * @param object the object
     * @return the result
     */
    public Result check(Map<String, ?> object) {
        return check(JSON.convertValue(Objects.requireNonNull(object, "object"), ObjectNode.class), null, true);
    }

    /**
     * Checks objects meant to be applied together: each on its own, then the admission rules that look
     * at the set (a pool that must select a MachineConfig, a resource a pod will request).
     *
     * @param objects {@link HasMetadata} objects or {@code Map} JSON trees, in any mix
     * @return one result per object, in order
     */
    public Report checkAll(Collection<?> objects) {
        List<Result> results = new ArrayList<>(objects.size());
        for (Object o : objects) {
            ObjectNode node = JSON.convertValue(Objects.requireNonNull(o, "objects[]"), ObjectNode.class);
            results.add(check(node, null, true));
        }
        List<Map<String, Object>> trees = new ArrayList<>(results.size());
        results.forEach(r -> trees.add(r.object()));
        List<List<Problem>> extra = new ArrayList<>();
        results.forEach(r -> extra.add(new ArrayList<>(r.problems())));
        for (AdmissionRule rule : rules) {
            for (AdmissionRule.Flag f : rule.checkSet(trees)) {
                if (f.index() >= 0 && f.index() < extra.size()) {
                    extra.get(f.index()).add(f.problem());
                }
            }
        }
        List<Result> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.add(new Result(r.ref(), r.object(), extra.get(i)));
        }
        return new Report(out);
    }

    /**
     * The core of every check: {@code object} is changed in place into what the server would store.
     *
     * @param old    the stored object on update (transition rules), or null
     * @param strict report unknown fields (else prune them silently)
     */
    Result check(ObjectNode object, ObjectNode old, boolean strict) {
        List<Problem> problems = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String ref = ref(object);
        if (apiVersion.isEmpty()) {
            problems.add(new Problem("apiVersion", "is required"));
        }
        if (kind.isEmpty()) {
            problems.add(new Problem("kind", "is required"));
        }
        if (!problems.isEmpty()) {
            return result(ref, object, problems);
        }
        String group = CrdCatalog.groupOf(apiVersion);
        var schema = catalog.schema(apiVersion, kind);
        boolean builtin = schema.isEmpty() && BUILTIN_GROUPS.contains(group);
        ObjectNames.check(kind, builtin, object.get("metadata"), "metadata", strict, problems);
        if (schema.isEmpty()) {
            if (!builtin) {
                List<String> served = catalog.versionsOf(group, kind);
                problems.add(new Problem("apiVersion", served.isEmpty()
                        ? "no schema for " + apiVersion + " " + kind + ": its CRD is not bundled with ocatopic"
                        + " (add the CRD file to check against it)"
                        : apiVersion + " is not a served version of " + kind + " (served: " + String.join(", ", served) + ")"));
            }
            return result(ref, object, problems);
        }
        CrdCatalog.TypeSchema type = schema.get();
        if (type.statusSubresource) {
            object.remove("status");
        }
        if (type.openApi == null) {
            return result(ref, object, problems);
        }
        StructuralWalker walker = new StructuralWalker(strict, problems);
        walker.pruneAndDefault(type.openApi, object);
        int before = problems.size();
        for (com.networknt.schema.Error e : type.jsonSchema().validate(object)) {
            problems.add(problem(e));
        }
        if (problems.size() == before) {
            walker.rules(type.openApi, object, old, "");
        }
        Map<String, Object> tree = tree(object);
        if (problems.isEmpty()) {
            for (AdmissionRule rule : rules) {
                if (rule.guards(apiVersion, kind)) {
                    problems.addAll(rule.check(tree));
                }
            }
        }
        return new Result(ref, tree, problems);
    }

    private static Result result(String ref, ObjectNode object, List<Problem> problems) {
        return new Result(ref, tree(object), problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(ObjectNode object) {
        return JSON.convertValue(object, Map.class);
    }

    static String ref(JsonNode object) {
        JsonNode md = object.path("metadata");
        String ns = md.path("namespace").asText("");
        String name = md.path("name").asText(md.path("generateName").asText(""));
        return object.path("kind").asText("?") + "/" + (ns.isEmpty() ? "" : ns + "/") + name;
    }

    private static Problem problem(com.networknt.schema.Error e) {
        String path = path(e.getInstanceLocation().toString());
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        if (keyword.equals("required") && e.getProperty() != null) {
            return new Problem(StructuralWalker.join(path, e.getProperty()), "is required");
        }
        String msg = e.getMessage();
        String loc = e.getInstanceLocation().toString();
        if (msg.startsWith(loc + ": ")) {
            msg = msg.substring(loc.length() + 2);
        }
        JsonNode value = e.getInstanceNode();
        if (value != null && (keyword.equals("enum") || keyword.equals("pattern") || keyword.equals("type") || keyword.equals("format"))) {
            String shown = value.isTextual() ? ObjectNames.quote(value.asText()) : value.toString();
            if (shown.length() > 80) {
                shown = shown.substring(0, 77) + "...";
            }
            msg = msg + " (got " + shown + ")";
        }
        return new Problem(path, msg);
    }

    /** {@code $.spec.a[0].b} or {@code $['x.y']} to {@code spec.a[0].b}. */
    static String path(String jsonPath) {
        String p = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
        return p.startsWith(".") ? p.substring(1) : p;
    }

    private static List<AdmissionRule> loadRules() {
        List<AdmissionRule> out = new ArrayList<>();
        ServiceLoader.load(AdmissionRule.class, SchemaCheck.class.getClassLoader()).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * The outcome for one object.
     *
     * @param ref      {@code kind/namespace/name}, or {@code kind/name} when cluster-scoped
     * @param object   the object as the server would store it (defaults set, unknown fields pruned)
     * @param problems what the server or the operator would refuse, in field order; empty when it conforms
     */
    public record Result(String ref, Map<String, Object> object, List<Problem> problems) {
        /**
         * Copies the list.
         *
         * @param ref      the object's reference
         * @param object   the object as stored
         * @param problems what is wrong
         */
        public Result {
            problems = List.copyOf(problems);
        }

        /**
         * Returns whether the object conforms, having no problem.
         *
         * @return true when there is no problem
         */
        public boolean conforms() {
            return problems.isEmpty();
        }
    }

    /**
     * The outcome for a set of objects.
     *
     * @param results one per object, in order
     */
    public record Report(List<Result> results) {
        /**
         * Copies the list.
         *
         * @param results one per object
         */
        public Report {
            results = List.copyOf(results);
        }

        /**
         * Returns whether every object conforms.
         *
         * @return true when every object conforms
         */
        public boolean conforms() {
            return results.stream().allMatch(Result::conforms);
        }

        /**
         * Returns how many objects conform.
         *
         * @return how many objects conform
         */
        public long conforming() {
            return results.stream().filter(Result::conforms).count();
        }
    }
}
