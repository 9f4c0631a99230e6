/* Peer of NetlinkBenchmark: CTRL_CMD_GETFAMILY("nlctrl") round trips over a NETLINK_GENERIC socket,
 * each reply checked (sequence, type, CTRL_ATTR_FAMILY_ID found). Usage: genl_getfamily SECONDS
 * Prints: "<round trips> <nanoseconds>". */
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
    if (fd < 0) { perror("socket"); return 1; }
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("bind"); return 1; }
    char req[64] __attribute__((aligned(4)));
    char buf[65536] __attribute__((aligned(4)));
    long long n = 0, t0 = now_ns(), deadline = t0 + (long long)(seconds * 1e9);
    unsigned seq = 0;
    for (;;) {
        memset(req, 0, sizeof req);
        struct nlmsghdr *h = (struct nlmsghdr *)req;
        struct genlmsghdr *g = (struct genlmsghdr *)NLMSG_DATA(h);
        struct nlattr *a = (struct nlattr *)((char *)g + GENL_HDRLEN);
        a->nla_type = CTRL_ATTR_FAMILY_NAME;
        a->nla_len = NLA_HDRLEN + sizeof "nlctrl";
        memcpy((char *)a + NLA_HDRLEN, "nlctrl", sizeof "nlctrl");
        h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
        h->nlmsg_type = GENL_ID_CTRL;
        h->nlmsg_flags = NLM_F_REQUEST;
        h->nlmsg_seq = ++seq;
        g->cmd = CTRL_CMD_GETFAMILY;
        g->version = 1;
        if (send(fd, req, h->nlmsg_len, 0) < 0) { perror("send"); return 1; }
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r < 0) { perror("recv"); return 1; }
        struct nlmsghdr *rh = (struct nlmsghdr *)buf;
        if (rh->nlmsg_seq != seq || rh->nlmsg_type != GENL_ID_CTRL) { fprintf(stderr, "bad reply\n"); return 1; }
        int found = 0;
        int len = rh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
        struct nlattr *ra = (struct nlattr *)((char *)NLMSG_DATA(rh) + GENL_HDRLEN);
        while (len >= NLA_HDRLEN && ra->nla_len >= NLA_HDRLEN && ra->nla_len <= len) {
            if ((ra->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID) found = 1;
            len -= NLA_ALIGN(ra->nla_len);
            ra = (struct nlattr *)((char *)ra + NLA_ALIGN(ra->nla_len));
        }
        if (!found) { fprintf(stderr, "no family id\n"); return 1; }
        n++;
        if ((n & 1023) == 0 && now_ns() >= deadline) break;
    }
    printf("%lld %lld\n", n, now_ns() - t0);
    close(fd);
    return 0;
}
