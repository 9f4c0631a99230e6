package io.ocatopic.ztp.workflow;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.Cidr;
import io.ocatopic.core.Problem;
import io.ocatopic.ztp.ZtpException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a relocated cluster answers on site: what changed from the factory (ZTPFW's on-site setup sets
 * "the new API IP, Ingress IP and (optionally) base domain", {@code ztp-configuring-edge-at-remote-site.adoc}).
 * Every part is optional. The API URL the hub uses is {@link #apiUrl(ChassisSpec.Cluster)}: the explicit URL when
 * given, otherwise {@code https://api.<cluster>.<baseDomain>:6443} with the new base domain (or the spec's
 * when it did not change). A new API VIP alone keeps the DNS name, which site DNS points at the new VIP;
 * the serving certificate names the host, not the address.
 *
 * <p>ACM's ManagedCluster has no field for a cluster's base domain or VIPs ({@code spec} holds
 * {@code hubAcceptsClient}, {@code leaseDurationSeconds} and {@code managedClusterClientConfigs[{url,
 * caBundle}]}; {@code status.clusterClaims} are written by the klusterlet on the spoke). These facts are
 * therefore recorded as ManagedCluster annotations under ocatopic's own prefix ({@link #annotations}),
 * next to the labels ACM users list with {@code oc get managedcluster --show-labels}.
 *
 * <pre>{@code
 * SiteEndpoint site = SiteEndpoint.unchanged().withBaseDomain("store-7.example.net")
 *         .withApiVip("10.20.0.5").withIngressVip("10.20.0.6");
 * workflow.reconnect("edge-1", spokeApi, site);   // hub: https://api.edge-1.store-7.example.net:6443
 * }</pre>
 *
 * @param apiUrl     the spoke's new API URL, when known exactly
 * @param apiVip     the new API virtual IP
 * @param ingressVip the new ingress virtual IP
 * @param baseDomain the new base domain
 */
public record SiteEndpoint(Optional<String> apiUrl, Optional<String> apiVip, Optional<String> ingressVip,
                           Optional<String> baseDomain) {
    /** Annotation holding the cluster's base domain on site. */
    public static final String BASE_DOMAIN_ANNOTATION = "ztp.ocatopic.io/base-domain";
    /** Annotation holding the API VIP on site, when given. */
    public static final String API_VIP_ANNOTATION = "ztp.ocatopic.io/api-vip";
    /** Annotation holding the ingress VIP on site, when given. */
    public static final String INGRESS_VIP_ANNOTATION = "ztp.ocatopic.io/ingress-vip";

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");

    /**
     * Normalises {@code null} parts to empty.
     *
     * @param apiUrl     API URL
     * @param apiVip     API VIP
     * @param ingressVip ingress VIP
     * @param baseDomain base domain
     */
    public SiteEndpoint {
        apiUrl = apiUrl == null ? Optional.empty() : apiUrl;
        apiVip = apiVip == null ? Optional.empty() : apiVip;
        ingressVip = ingressVip == null ? Optional.empty() : ingressVip;
        baseDomain = baseDomain == null ? Optional.empty() : baseDomain;
    }

    /**
     * Returns an endpoint where nothing changed.
     *
     * @return an endpoint where nothing changed: the API URL derives from the spec's base domain
     */
    public static SiteEndpoint unchanged() {
        return new SiteEndpoint(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * An endpoint known by its API URL only.
     *
     * @param apiUrl the new API URL
     * @return the endpoint
     */
    public static SiteEndpoint ofApiUrl(String apiUrl) {
        return unchanged().withApiUrl(apiUrl);
    }

    /**
     * A copy with an explicit API URL.
     *
     * @param v the URL, {@code https://host[:port]}
     * @return the copy
     */
    public SiteEndpoint withApiUrl(String v) {
        return new SiteEndpoint(Optional.ofNullable(v), apiVip, ingressVip, baseDomain);
    }

    /**
     * A copy with a new API VIP.
     *
     * @param v an IPv4 address
     * @return the copy
     */
    public SiteEndpoint withApiVip(String v) {
        return new SiteEndpoint(apiUrl, Optional.ofNullable(v), ingressVip, baseDomain);
    }

    /**
     * A copy with a new ingress VIP.
     *
     * @param v an IPv4 address
     * @return the copy
     */
    public SiteEndpoint withIngressVip(String v) {
        return new SiteEndpoint(apiUrl, apiVip, Optional.ofNullable(v), baseDomain);
    }

    /**
     * A copy with a new base domain.
     *
     * @param v a DNS domain such as {@code store-7.example.net}
     * @return the copy
     */
    public SiteEndpoint withBaseDomain(String v) {
        return new SiteEndpoint(apiUrl, apiVip, ingressVip, Optional.ofNullable(v));
    }

    /**
     * Every problem, with paths {@code site.apiUrl}, {@code site.apiVip}, {@code site.ingressVip},
     * {@code site.baseDomain}.
     *
     * @return the problems, empty when valid
     */
    public List<Problem> validate() {
        List<Problem> e = new ArrayList<>();
        apiUrl.ifPresent(u -> {
            String why = urlProblem(u);
            if (why != null) {
                e.add(new Problem("site.apiUrl", why));
            }
        });
        apiVip.filter(ip -> !Cidr.isIpv4(ip)).ifPresent(ip ->
                e.add(new Problem("site.apiVip", "must be an IPv4 address")));
        ingressVip.filter(ip -> !Cidr.isIpv4(ip)).ifPresent(ip ->
                e.add(new Problem("site.ingressVip", "must be an IPv4 address")));
        if (apiVip.isPresent() && apiVip.equals(ingressVip)) {
            e.add(new Problem("site.ingressVip", "must differ from the API VIP"));
        }
        baseDomain.filter(d -> !DOMAIN.matcher(d).matches()).ifPresent(d ->
                e.add(new Problem("site.baseDomain", "must be a DNS domain of at least two "
                        + "lower-case labels, such as store-7.example.net")));
        return e;
    }

    /**
     * Throws when {@link #validate()} finds problems.
     *
     * @return this
     * @throws ZtpException {@code INVALID_SPEC} with every problem and its path
     */
    public SiteEndpoint validated() {
        List<Problem> e = validate();
        if (!e.isEmpty()) {
            throw ZtpException.invalid(e);
        }
        return this;
    }

    private static String urlProblem(String u) {
        try {
            URI uri = new URI(u);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return "must be an https:// URL with a host, such as https://api.edge-1.example.net:6443";
            }
            return null;
        } catch (URISyntaxException ex) {
            return "is not a URL";
        }
    }

    /**
     * The base domain on site.
     *
     * @param cluster the cluster as specified for the factory
     * @return the new base domain, or the spec's when unchanged
     */
    public String baseDomain(ChassisSpec.Cluster cluster) {
        return baseDomain.orElse(cluster.baseDomain());
    }

    /**
     * The API URL the hub must use.
     *
     * @param cluster the cluster as specified for the factory
     * @return the explicit URL, or {@code https://api.<cluster>.<base domain on site>:6443}
     */
    public String apiUrl(ChassisSpec.Cluster cluster) {
        return apiUrl.orElseGet(() -> "https://api." + cluster.name() + "." + baseDomain(cluster) + ":6443");
    }

    /**
     * The site facts to record on the ManagedCluster: {@value #BASE_DOMAIN_ANNOTATION} always,
     * {@value #API_VIP_ANNOTATION} and {@value #INGRESS_VIP_ANNOTATION} when given.
     *
     * @param cluster the cluster as specified for the factory
     * @return the annotations, in a stable order
     */
    public Map<String, String> annotations(ChassisSpec.Cluster cluster) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(BASE_DOMAIN_ANNOTATION, baseDomain(cluster));
        apiVip.ifPresent(v -> a.put(API_VIP_ANNOTATION, v));
        ingressVip.ifPresent(v -> a.put(INGRESS_VIP_ANNOTATION, v));
        return a;
    }
}
