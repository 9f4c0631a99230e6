package io.ocatopic.kmm.internal;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.core.Problem;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * KMM's kernel-version rules, replicated: normalization, the kernel variables, and envsubst-style
 * substitution.
 *
 * <ul>
 *   <li>Normalization: every character outside {@code [A-Za-z0-9._-]} becomes {@code _}
 *       (kubernetes-sigs/kernel-module-management {@code internal/kernel/kernel.go}, {@code NormalizeVersion}).</li>
 *   <li>Variables: the kernel is split on {@code [.,-]}; {@code KERNEL_FULL_VERSION}, {@code KERNEL_VERSION},
 *       {@code KERNEL_XYZ}, {@code KERNEL_X}, {@code KERNEL_Y}, {@code KERNEL_Z}; fewer than 3 parts is an
 *       error ({@code internal/utils/replaceStrings.go}, {@code KernelComponentsAsEnvVars}).</li>
 *   <li>Substitution: {@code a8m/envsubst} with no restrictions: {@code $VAR} and {@code ${VAR}}, unset
 *       variables become empty, {@code ${VAR:-default}} style operators, {@code $$} is a literal {@code $},
 *       an unterminated <code>${</code> is an error ({@code internal/module/kernelmapper.go}, {@code replaceTemplates}).</li>
 * </ul>
 *
 * <pre>{@code
 * Map<String, String> vars = KernelVersions.variables("6.1.0-54-amd64");
 * String image = KernelVersions.substitute("reg/hello:${KERNEL_XYZ}", vars);   // reg/hello:6.1.0
 * }</pre>
 */
public final class KernelVersions {
    private static final java.util.regex.Pattern SPLIT = java.util.regex.Pattern.compile("[.,-]");

    private KernelVersions() {
    }

    /**
     * KMM's normalized kernel version.
     *
     * @param kernel the kernel version as the node reports it
     * @return the version with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}
     */
    public static String normalize(String kernel) {
        StringBuilder sb = new StringBuilder(kernel.length());
        for (int i = 0; i < kernel.length(); i++) {
            char c = kernel.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    /**
     * The kernel variables of one kernel, computed on the normalized version (as KMM does for images).
     *
     * @param kernel the kernel version
     * @return the variables in KMM's order
     * @throws KmmException ({@link KmmException.Reason#INVALID}) when the kernel has fewer than 3 parts
     */
    public static Map<String, String> variables(String kernel) {
        String norm = normalize(kernel);
        String[] parts = SPLIT.split(norm, -1);
        if (parts.length < 3) {
            throw KmmException.invalid(java.util.List.of(new Problem("kernel",
                    "kernel version '" + kernel + "' has fewer than 3 parts separated by '.', ',' or '-'")));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("KERNEL_FULL_VERSION", norm);
        vars.put("KERNEL_VERSION", norm);
        vars.put("KERNEL_XYZ", parts[0] + "." + parts[1] + "." + parts[2]);
        vars.put("KERNEL_X", parts[0]);
        vars.put("KERNEL_Y", parts[1]);
        vars.put("KERNEL_Z", parts[2]);
        return vars;
    }

    /**
     * The variables a {@code containerImage} is substituted with: the kernel variables plus
     * {@code MOD_NAME} and {@code MOD_NAMESPACE}.
     *
     * @param kernel    the kernel version
     * @param name      the Module name
     * @param namespace the Module namespace
     * @return the variables
     */
    public static Map<String, String> imageVariables(String kernel, String name, String namespace) {
        Map<String, String> vars = new LinkedHashMap<>(variables(kernel));
        vars.put("MOD_NAME", name);
        vars.put("MOD_NAMESPACE", namespace);
        return vars;
    }

    /**
     * Substitutes variables the way {@code a8m/envsubst} (no restrictions) does.
     *
     * @param template the text
     * @param vars     the variables; any other variable is empty
     * @return the substituted text
     * @throws KmmException ({@link KmmException.Reason#INVALID}) on an unterminated <code>${</code>
     */
    public static String substitute(String template, Map<String, String> vars) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    throw KmmException.invalid(java.util.List.of(new Problem("template",
                            "unterminated '${' in '" + template + "'")));
                }
                out.append(expand(template.substring(i + 2, close), vars, template));
                i = close + 1;
            } else if (isNameStart(next)) {
                int j = i + 1;
                while (j < n && isNamePart(template.charAt(j))) {
                    j++;
                }
                out.append(vars.getOrDefault(template.substring(i + 1, j), ""));
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String expand(String body, Map<String, String> vars, String template) {
        int j = 0;
        while (j < body.length() && isNamePart(body.charAt(j))) {
            j++;
        }
        String name = body.substring(0, j);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw KmmException.invalid(java.util.List.of(new Problem("template",
                    "bad substitution '${" + body + "}' in '" + template + "'")));
        }
        String rest = body.substring(j);
        String value = vars.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (rest.isEmpty()) {
            return set ? value : "";
        }
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1) : rest;
        if (op.isEmpty()) {
            throw KmmException.invalid(java.util.List.of(new Problem("template",
                    "bad substitution '${" + body + "}' in '" + template + "'")));
        }
        char o = op.charAt(0);
        String word = op.substring(1);
        boolean present = colon ? nonEmpty : set;
        switch (o) {
            case '-':
            case '=':
                return present ? value : word;
            case '+':
                return present ? word : "";
            default:
                throw KmmException.invalid(java.util.List.of(new Problem("template",
                        "bad substitution '${" + body + "}' in '" + template + "'")));
        }
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Compiles a kernel-mapping {@code regexp} with RE2 (RE2/J), the syntax KMM's Go {@code regexp} accepts.
     *
     * @param regexp the expression
     * @return the RE2 compile error, empty when it compiles
     */
    public static Optional<String> re2Error(String regexp) {
        try {
            Pattern.compile(regexp);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Whether an unanchored RE2 expression matches somewhere in the kernel version, like Go's
     * {@code regexp.MatchString}.
     *
     * @param regexp the expression
     * @param kernel the kernel version
     * @return whether it matches
     * @throws KmmException ({@link KmmException.Reason#INVALID}) when the expression does not compile
     */
    public static boolean matches(String regexp, String kernel) {
        try {
            return Pattern.compile(regexp).matcher(kernel).find();
        } catch (PatternSyntaxException e) {
            throw KmmException.invalid(java.util.List.of(new Problem("regexp",
                    "invalid RE2 expression '" + regexp + "': " + e.getMessage())));
        }
    }
}
