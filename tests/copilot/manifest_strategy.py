"""Hypothesis strategies for random Copilot workspaces, assembled from the field forms of
Copilot's manifest specification (the same forms as tests/copilot/forms.py), mostly valid,
with some invalid values and unknown fields mixed in.

`workspaces()` draws a `Drawn` workspace: the manifests plus the flags a user would pass
(`--image`, `--var`, `--account-id`), which are sometimes missing on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from .workspace import ACCOUNT, REGION

SERVICE_TYPES = ("Load Balanced Web Service", "Backend Service", "Worker Service")
OTHER_TYPES = ("Request-Driven Web Service", "Scheduled Job", "Static Site", "Bogus Service")
FARGATE_SIZES = ((256, 512), (512, 1024), (1024, 2048), (2048, 4096), (4096, 8192))


@dataclass
class Drawn:
    app: str
    envs: dict[str, dict[str, Any]]
    workloads: dict[str, dict[str, Any]]
    images: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    account_id: str | None = ACCOUNT


# One coin per drawn workspace: a clean workspace holds no bad value at all (so that about half
# of the examples get through the import and reach validation); in the others, one field in four
# is bad.
CLEAN = st.shared(st.booleans(), key="copilot-workspace-clean")


def sometimes(strategy: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> Any:
    """`strategy`, or now and then (never in a clean workspace) a bad value."""
    return CLEAN.flatmap(
        lambda clean: strategy if clean else st.one_of(strategy, strategy, strategy, bad)
    )


names = st.sampled_from(["web", "api", "orders", "mailer", "admin", "front-end", "svc2"])
bad_names = st.sampled_from(["Web_Svc", "a" * 40, "-x", "ünï"])
durations = sometimes(
    st.sampled_from(["5s", "10s", "30s", "1m", "1m30s", "2m"]),
    st.sampled_from(["ten", "-5s", "5", 5, "1h", "0s", "250ms"]),
)
hosts = sometimes(
    st.sampled_from(["example.com", "www.example.com", "api.example.com", "v2.example.com"]),
    st.sampled_from(["not a host!", "*.example.com", "x" * 300, ""]),
)
cidrs = sometimes(
    st.sampled_from(["10.0.0.0/8", "203.0.113.0/24", "198.51.100.7/32"]),
    st.sampled_from(["10.0.0.0/33", "banana", "::/0"]),
)
images = sometimes(
    st.sampled_from(
        [
            "public.ecr.aws/nginx/nginx:1.27",
            f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/demo/app:1.0.0",
            "busybox:1.36",
        ]
    ),
    st.sampled_from(["Not An Image!!", "", "nginx:latest", "${IMAGE_TAG_UNSET}"]),
)
ports = sometimes(st.sampled_from([80, 443, 8080, 9000]), st.sampled_from([0, 70000, "eighty"]))
paths = sometimes(
    st.sampled_from(["/", "/api", "/v2/api", "api", "/static/*"]),
    st.sampled_from(["", "no slash?", "/" + "p" * 200]),
)
unknown = st.dictionaries(
    st.sampled_from(["frobnicate", "x_extra", "colour"]), st.integers(), max_size=1
)


def alias() -> st.SearchStrategy[Any]:
    zone = st.sampled_from(["Z0123456789ABCDEFGHIJ", "Z9876543210ZYXWVUTSRQ", "not-a-zone"])
    return st.one_of(
        hosts,
        st.lists(hosts, min_size=1, max_size=3, unique=True),
        st.lists(
            st.fixed_dictionaries({"name": hosts, "hosted_zone": zone}), min_size=1, max_size=2
        ),
    )


def healthcheck() -> st.SearchStrategy[Any]:
    return st.one_of(
        paths,
        st.fixed_dictionaries(
            {"path": paths},
            optional={
                "success_codes": st.sampled_from(["200", "200,301", "200-299", "abc"]),
                "healthy_threshold": sometimes(st.integers(2, 10), st.sampled_from([0, 1, 11])),
                "unhealthy_threshold": sometimes(st.integers(2, 10), st.sampled_from([0, 1, 11])),
                "interval": durations,
                "timeout": durations,
                "grace_period": durations,
                "port": ports,
            },
        ),
    )


def http_block() -> st.SearchStrategy[dict[str, Any]]:
    rule = st.fixed_dictionaries(
        {"path": paths}, optional={"alias": alias(), "healthcheck": healthcheck()}
    )
    return st.fixed_dictionaries(
        {"path": paths},
        optional={
            "alias": alias(),
            "healthcheck": healthcheck(),
            "deregistration_delay": durations,
            "stickiness": st.booleans(),
            "allowed_source_ips": st.lists(cidrs, max_size=2),
            "target_container": sometimes(st.just("proxy"), st.just("missing")),
            "additional_rules": st.lists(rule, max_size=2),
            "unknown_http_key": st.just(1),
        },
    )


def count() -> st.SearchStrategy[Any]:
    low = st.integers(0, 5)
    rng = st.one_of(
        st.builds(lambda a, b: f"{a}-{a + b}", low, st.integers(0, 10)),
        st.builds(lambda a, b: {"min": a, "max": a + b}, low, st.integers(0, 10)),
        st.builds(
            lambda a, b, s: {"min": a, "max": a + b, "spot_from": s}, low, st.integers(1, 10), low
        ),
    )
    rng = sometimes(rng, st.sampled_from(["10-1", "x-y", {"min": 3}]))
    return st.one_of(
        sometimes(st.integers(0, 12), st.just(-1)),
        st.fixed_dictionaries(
            {"range": rng},
            optional={
                "cpu_percentage": st.one_of(
                    sometimes(st.integers(1, 100), st.sampled_from([0, 120])),
                    st.fixed_dictionaries({"value": st.integers(1, 100)}),
                ),
                "memory_percentage": st.integers(1, 100),
                "requests": sometimes(st.integers(1, 5000), st.just(0)),
                "response_time": durations,
            },
        ),
        st.fixed_dictionaries({"spot": st.integers(0, 5)}),
    )


def secrets() -> st.SearchStrategy[dict[str, Any]]:
    value = st.one_of(
        st.sampled_from(
            ["/demo/db-url", "GITHUB_TOKEN", f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/x"]
        ),
        st.fixed_dictionaries(
            {
                "secretsmanager": st.sampled_from(
                    ["demo/db", f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:demo/db-Ab12Cd"]
                )
            }
        ),
        st.just({"from_cfn": "demo-export"}),
    )
    value = sometimes(value, st.sampled_from([42, "", {"vault": "x"}]))
    key = sometimes(st.sampled_from(["DB_URL", "TOKEN", "API_KEY"]), st.just("bad name"))
    return st.dictionaries(key, value, max_size=3)


def variables() -> st.SearchStrategy[dict[str, Any]]:
    value = st.one_of(
        sometimes(
            st.sampled_from(["info", "1.10", "${RELEASE}", "a${RELEASE}b"]), st.just("${MISSING_X}")
        ),
        st.integers(0, 99),
        st.booleans(),
        st.just({"from_cfn": "demo-export"}),
    )
    return st.dictionaries(
        st.sampled_from(["LOG_LEVEL", "RELEASE", "PORT", "DEBUG"]), value, max_size=3
    )


def sidecars() -> st.SearchStrategy[dict[str, Any]]:
    sidecar = st.fixed_dictionaries(
        {"image": images},
        optional={
            "port": ports,
            "essential": st.booleans(),
            "variables": variables(),
            "secrets": secrets(),
            "command": st.one_of(st.just("run --fast"), st.just(["run", "--fast"])),
        },
    )
    return st.dictionaries(st.sampled_from(["proxy", "agent", "Bad Name"]), sidecar, max_size=2)


def image() -> st.SearchStrategy[dict[str, Any]]:
    source = st.one_of(
        st.fixed_dictionaries({"location": images}),
        st.fixed_dictionaries(
            {
                "build": st.sampled_from(
                    ["./Dockerfile", {"dockerfile": "./Dockerfile", "context": "."}]
                )
            }
        ),
    )
    extra = st.fixed_dictionaries(
        {},
        optional={
            "port": ports,
            "healthcheck": st.fixed_dictionaries(
                {
                    "command": sometimes(
                        st.just(["CMD-SHELL", "true"]), st.sampled_from([[], "curl localhost"])
                    )
                },
                optional={
                    "interval": durations,
                    "retries": sometimes(st.integers(1, 10), st.sampled_from([0, 12])),
                    "timeout": durations,
                    "start_period": durations,
                },
            ),
        },
    )
    return st.builds(lambda a, b: {**a, **b}, source, extra)


def task_fields() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "count": count(),
        "exec": st.booleans(),
        "platform": st.sampled_from(
            [
                "linux/x86_64",
                "linux/arm64",
                {"osfamily": "linux", "architecture": "arm64"},
                "windows/x86_64",
            ]
        ),
        "variables": variables(),
        "secrets": secrets(),
        "sidecars": sidecars(),
        "command": st.one_of(st.just("serve --port 80"), st.just(["serve"])),
        "entrypoint": st.one_of(st.just("/bin/app"), st.just(["/bin/sh", "-c"])),
        "storage": st.sampled_from(
            [
                {"readonly_fs": True},
                {"ephemeral": 50},
                {"volumes": {"d": {"path": "/d", "efs": True}}},
            ]
        ),
        "network": st.sampled_from(
            [
                {"connect": True},
                {"vpc": {"placement": "private"}},
                {"vpc": {"placement": "public"}},
                {"vpc": {"security_groups": ["sg-0123456789abcdef0"]}},
                {"vpc": {"security_groups": [{"from_cfn": "x"}]}},
            ]
        ),
        "logging": st.just({"destination": {"Name": "cloudwatch"}}),
        "publish": st.just({"topics": [{"name": "events"}]}),
        "taskdef_overrides": st.just(
            [{"path": "ContainerDefinitions[0].Ulimits[-]", "value": {"Name": "nofile"}}]
        ),
        "deployment": st.sampled_from([{"rolling": "recreate"}, {"rollback_alarms": ["a-5xx"]}]),
        "nlb": st.just({"port": "443/tls"}),
    }


@st.composite
def workload(draw: st.DrawFn, name: str, env_names: list[str]) -> dict[str, Any]:
    kind = draw(sometimes(st.sampled_from(SERVICE_TYPES), st.sampled_from(OTHER_TYPES)))
    cpu, memory = draw(
        sometimes(
            st.sampled_from(FARGATE_SIZES), st.tuples(st.integers(0, 9000), st.integers(0, 70000))
        )
    )
    m: dict[str, Any] = {
        "name": name,
        "type": kind,
        "image": draw(image()),
        "cpu": cpu,
        "memory": memory,
    }
    if kind == "Load Balanced Web Service" or (kind == "Backend Service" and draw(st.booleans())):
        m["http"] = draw(http_block())
        # a load-balanced container needs a port (left out now and then on purpose)
        if "port" not in m["image"] and draw(sometimes(st.just(True), st.just(False))):
            m["image"]["port"] = 8080
        if m["http"].get("target_container") == "proxy" and draw(
            sometimes(st.just(True), st.just(False))
        ):
            m["sidecars"] = {"proxy": {"image": "public.ecr.aws/nginx/nginx:1.27", "port": 8081}}
    if kind == "Worker Service" and draw(st.booleans()):
        m["subscribe"] = {"topics": [{"name": "events", "service": "api"}]}
    fields = task_fields()
    chosen = draw(st.lists(st.sampled_from(sorted(fields)), max_size=5, unique=True))
    for key in chosen:
        if key == "sidecars" and "sidecars" in m:
            continue
        m[key] = draw(fields[key])
    m.update(draw(unknown))
    if env_names and draw(st.booleans()):
        env = draw(sometimes(st.sampled_from(env_names), st.just("nowhere")))
        m["environments"] = {env: {"count": draw(count()), "variables": draw(variables())}}
    return m


@st.composite
def environment(draw: st.DrawFn, name: str) -> dict[str, Any]:
    ok_vpc = {
        "id": "vpc-0123456789abcdef0",
        "subnets": {
            "public": [{"id": "subnet-0aaaaaaaaaaaaaaa1"}, {"id": "subnet-0aaaaaaaaaaaaaaa2"}],
            "private": [{"id": "subnet-0bbbbbbbbbbbbbbb1"}, {"id": "subnet-0bbbbbbbbbbbbbbb2"}],
        },
    }
    vpc = draw(
        sometimes(
            st.just(ok_vpc),
            st.sampled_from(
                [
                    {"cidr": "10.0.0.0/16"},
                    {"id": "vpc-12345", "subnets": ok_vpc["subnets"]},
                    {"id": "vpc-0123456789abcdef0"},
                    {"id": "vpc-0123456789abcdef0", "subnets": {"public": [{"id": "subnet-1"}]}},
                ]
            ),
        )
    )
    m: dict[str, Any] = {"name": name, "type": "Environment", "network": {"vpc": vpc}}
    cert = sometimes(
        st.just(f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/0c0c0c0c-1d1d-4e2e-8f3f-404040404040"),
        st.sampled_from(["my-cert", "arn:aws:acm:eu-west-1:1:certificate/x"]),
    )
    public = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "certificates": st.lists(cert, max_size=2),
                "ingress": st.fixed_dictionaries({"source_ips": st.lists(cidrs, max_size=2)}),
            },
        )
    )
    if public:
        m["http"] = {"public": public}
    if draw(st.booleans()):
        m["observability"] = {"container_insights": draw(sometimes(st.booleans(), st.just("yes")))}
    m.update(draw(unknown))
    return m


@st.composite
def workspaces(draw: st.DrawFn) -> Drawn:
    clean = draw(CLEAN)
    app = draw(sometimes(st.sampled_from(["shop", "demo", "my-app"]), bad_names))
    env_names = draw(
        st.lists(st.sampled_from(["prod", "staging", "test"]), min_size=1, max_size=2, unique=True)
    )
    envs = {e: draw(environment(e)) for e in env_names}
    svc_names = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    if not clean and draw(st.booleans()):
        svc_names.append(draw(bad_names))
    workloads = {n: draw(workload(n, env_names)) for n in svc_names}
    built = [n for n, m in workloads.items() if "build" in m.get("image", {})]
    images_flag = {
        n: f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/demo/{n}:1.0.0"
        for n in built
        if clean or draw(st.booleans())  # --image forgotten now and then
    }
    variables_flag = {"RELEASE": "2026.11"} if clean or draw(st.booleans()) else {}
    account = ACCOUNT if clean else draw(st.sampled_from([ACCOUNT, None, "12345"]))
    return Drawn(app, envs, workloads, images_flag, variables_flag, account)
