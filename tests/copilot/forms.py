"""Every field issue #13 lists, in each of the forms Copilot's manifest specification
documents, as a table: a fragment merged into a one-service workspace (workspace.BASE_LBWS,
or the environment manifest), the report status the field must get, and a check on the
imported answers of environment `prod` (merged). `error` forms must stop the import with a
CopilotImportError naming `field`.

Values follow Copilot's documented semantics (durations such as `1m30s`, `range: 1-10`,
SSM parameter names, Secrets Manager names, sidecars essential unless `essential: false`).
"""

from __future__ import annotations

from .forms_base import (
    Form,
    all_of,
    container,
    covers_path,
    eq,
    hc,
    hosts,
    main,
    rules,
    ssm_arn,
    svc,
    zone_used,
)
from .forms_more import MORE_FORMS
from .workspace import ACCOUNT, REGION

SM_ARN = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:demo/db-Ab12Cd"
URI = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/demo/app:1.0.0"

SERVICE_FORMS: tuple[Form, ...] = (
    # image
    Form(
        "image-location",
        "image.location",
        {},
        check=eq(lambda a: main(a)["image"], "public.ecr.aws/nginx/nginx:1.27"),
    ),
    Form(
        "image-build-string",
        "image.build",
        {"image": {"location": None, "build": "./app/Dockerfile"}},
        status=None,  # the importer says it now comes from --image
        images={"app": URI},
        check=eq(lambda a: main(a)["image"], URI),
    ),
    Form(
        "image-build-map",
        "image.build",
        {"image": {"location": None, "build": {"dockerfile": "./Dockerfile", "context": "."}}},
        status=None,
        images={"app": URI},
        check=eq(lambda a: main(a)["image"], URI),
    ),
    Form(
        "image-build-without-flag",
        "image.build",
        {"image": {"location": None, "build": "./app/Dockerfile"}},
        error=True,
    ),
    Form(
        "image-port",
        "image.port",
        {"image": {"port": 8080}},
        check=eq(lambda a: main(a)["port"], 8080),
    ),
    Form(
        "image-healthcheck",
        "image.healthcheck",
        {
            "image": {
                "healthcheck": {
                    "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                    "interval": "1m30s",
                    "retries": 4,
                    "timeout": "6s",
                    "start_period": "45s",
                }
            }
        },
        check=eq(
            lambda a: {
                k: main(a)["health_check"][k]
                for k in ("interval", "retries", "timeout", "start_period")
            },
            {"interval": 90, "retries": 4, "timeout": 6, "start_period": 45},
        ),
    ),
    # task
    Form(
        "cpu-memory",
        "cpu",
        {"cpu": 1024, "memory": 2048},
        check=eq(lambda a: (svc(a)["cpu"], svc(a)["memory"]), (1024, 2048)),
    ),
    Form(
        "platform-string",
        "platform",
        {"platform": "linux/arm64"},
        check=eq(lambda a: svc(a)["cpu_architecture"], "ARM64"),
    ),
    Form(
        "platform-map",
        "platform",
        {"platform": {"osfamily": "linux", "architecture": "arm64"}},
        check=eq(lambda a: svc(a)["cpu_architecture"], "ARM64"),
    ),
    Form(
        "platform-x86-map",
        "platform",
        {"platform": {"osfamily": "linux", "architecture": "x86_64"}},
        check=eq(lambda a: svc(a).get("cpu_architecture"), None),
    ),
    Form("platform-windows", "platform", {"platform": "windows/x86_64"}, status="not migrated"),
    # Copilot refuses Fargate Spot with arm64, and so does the import
    Form(
        "platform-arm64-count-spot",
        "platform",
        {"platform": "linux/arm64", "count": {"spot": 2}},
        error=True,
    ),
    Form(
        "platform-arm64-spot-from",
        "platform",
        {"platform": "linux/arm64", "count": {"range": {"min": 1, "max": 4, "spot_from": 2}}},
        error=True,
    ),
    Form(
        "exec", "exec", {"exec": True}, check=eq(lambda a: svc(a)["enable_execute_command"], True)
    ),
    Form(
        "variables",
        "variables",
        {"variables": {"LOG_LEVEL": "debug", "WORKERS": 4}},
        check=eq(lambda a: main(a)["environment"], {"LOG_LEVEL": "debug", "WORKERS": "4"}),
    ),
    Form(
        "variables-interpolated",
        "variables",
        {"variables": {"RELEASE": "${RELEASE}"}},
        variables={"RELEASE": "2026.11"},
        check=eq(lambda a: main(a)["environment"], {"RELEASE": "2026.11"}),
    ),
    Form(
        "variables-missing-var",
        "variables",
        {"variables": {"RELEASE": "${NOT_SET_ANYWHERE_X}"}},
        error=True,
    ),
    Form(
        "variables-from-cfn",
        "variables",
        {"variables": {"TABLE": {"from_cfn": "demo-table"}}},
        status="not migrated",
    ),
    Form(
        "secrets-ssm-path",
        "secrets",
        {"secrets": {"DB_URL": "/demo/db-url"}},
        check=eq(lambda a: main(a)["secrets"], {"DB_URL": ssm_arn("/demo/db-url")}),
    ),
    Form(
        "secrets-ssm-name",
        "secrets",
        {"secrets": {"GITHUB_TOKEN": "GITHUB_TOKEN"}},
        check=eq(lambda a: main(a)["secrets"], {"GITHUB_TOKEN": ssm_arn("GITHUB_TOKEN")}),
    ),
    Form(
        "secrets-ssm-arn",
        "secrets",
        {"secrets": {"DB_URL": ssm_arn("/demo/db-url")}},
        check=eq(lambda a: main(a)["secrets"], {"DB_URL": ssm_arn("/demo/db-url")}),
    ),
    Form(
        "secrets-secretsmanager-name",
        "secrets",
        {"secrets": {"DB": {"secretsmanager": "demo/db"}}},
        check=eq(
            lambda a: main(a)["secrets"]["DB"].startswith(
                f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:demo/db"
            ),
            True,
        ),
    ),
    Form(
        "secrets-secretsmanager-arn",
        "secrets",
        {"secrets": {"DB": {"secretsmanager": SM_ARN}}},
        check=eq(lambda a: main(a)["secrets"], {"DB": SM_ARN}),
    ),
    Form(
        "secrets-from-cfn",
        "secrets",
        {"secrets": {"TOKEN": {"from_cfn": "demo-token-arn"}}},
        status="not migrated",
    ),
    Form(
        "sidecar",
        "sidecars",
        {"sidecars": {"proxy": {"image": "public.ecr.aws/nginx/nginx:1.27", "port": 8081}}},
        check=eq(
            lambda a: (container(a, "proxy")["port"], container(a, "proxy")["essential"]),
            (8081, True),
        ),
    ),
    Form(
        "sidecar-not-essential",
        "sidecars",
        {
            "sidecars": {
                "agent": {
                    "image": "public.ecr.aws/datadog/agent:7",
                    "essential": False,
                    "variables": {"DD_SITE": "datadoghq.eu"},
                    "secrets": {"DD_API_KEY": "/demo/dd"},
                    "command": ["agent", "run"],
                }
            }
        },
        check=eq(
            lambda a: (
                container(a, "agent")["essential"],
                container(a, "agent")["environment"],
                container(a, "agent")["secrets"],
            ),
            (False, {"DD_SITE": "datadoghq.eu"}, {"DD_API_KEY": ssm_arn("/demo/dd")}),
        ),
    ),
    Form(
        "command-list",
        "command",
        {"command": ["serve", "--port", "80"]},
        check=eq(lambda a: main(a)["command"], ["serve", "--port", "80"]),
    ),
    Form(
        "command-string",
        "command",
        {"command": "serve --port 80"},
        check=eq(lambda a: main(a)["command"], ["serve", "--port", "80"]),
    ),
    Form(
        "entrypoint-list",
        "entrypoint",
        {"entrypoint": ["/bin/sh", "-c"]},
        check=eq(lambda a: main(a)["entrypoint"], ["/bin/sh", "-c"]),
    ),
    Form(
        "entrypoint-string",
        "entrypoint",
        {"entrypoint": "/bin/app"},
        check=eq(lambda a: main(a)["entrypoint"], ["/bin/app"]),
    ),
    Form(
        "readonly-fs",
        "storage.readonly_fs",
        {"storage": {"readonly_fs": True}},
        check=eq(lambda a: main(a)["readonly_root_filesystem"], True),
    ),
    Form(
        "storage-volumes",
        "storage.volumes",
        {"storage": {"volumes": {"data": {"path": "/data", "efs": True}}}},
        status="not migrated",
    ),
    # count
    Form("count-number", "count", {"count": 3}, check=eq(lambda a: svc(a)["desired_count"], 3)),
    Form(
        "count-range-string",
        "count",
        {"count": {"range": "1-10", "cpu_percentage": 70}},
        check=eq(
            lambda a: (
                svc(a)["autoscaling"]["min"],
                svc(a)["autoscaling"]["max"],
                svc(a)["autoscaling"]["cpu_percent"],
            ),
            (1, 10, 70),
        ),
    ),
    Form(
        "count-range-map",
        "count",
        {"count": {"range": {"min": 2, "max": 8}, "memory_percentage": 60, "requests": 500}},
        check=eq(
            lambda a: {
                k: svc(a)["autoscaling"].get(k)
                for k in ("min", "max", "memory_percent", "requests_per_target")
            },
            {"min": 2, "max": 8, "memory_percent": 60, "requests_per_target": 500},
        ),
    ),
    Form(
        "count-spot-from",
        "count",
        {"count": {"range": {"min": 1, "max": 6, "spot_from": 3}, "cpu_percentage": 60}},
        status="approximated",
    ),
    Form("count-spot", "count", {"count": {"spot": 2}}, status="approximated"),
    Form(
        "count-response-time",
        "count",
        {"count": {"range": "1-4", "response_time": "2s"}},
        status="not migrated",
    ),
    # http
    Form(
        "http-path-root",
        "http.path",
        {"http": {"path": "/"}},
        check=eq(lambda a: a["alb"]["default_action"].get("forward"), "app"),
    ),
    Form("http-path", "http.path", {"http": {"path": "/api"}}, check=covers_path("/api")),
    Form(
        "http-string-healthcheck",
        "http.healthcheck",
        {"http": {"healthcheck": "/healthz"}},
        check=eq(hc("path"), "/healthz"),
    ),
    Form(
        "http-map-healthcheck",
        "http.healthcheck",
        {
            "http": {
                "healthcheck": {
                    "path": "/deep",
                    "success_codes": "200,301",
                    "healthy_threshold": 4,
                    "unhealthy_threshold": 2,
                    "interval": "15s",
                    "timeout": "10s",
                }
            }
        },
        check=eq(
            lambda a: {
                k: hc(k)(a)
                for k in (
                    "path",
                    "matcher",
                    "healthy_threshold",
                    "unhealthy_threshold",
                    "interval",
                    "timeout",
                )
            },
            {
                "path": "/deep",
                "matcher": "200,301",
                "healthy_threshold": 4,
                "unhealthy_threshold": 2,
                "interval": 15,
                "timeout": 10,
            },
        ),
    ),
    Form(
        "http-healthcheck-grace",
        "http.healthcheck",
        {"http": {"healthcheck": {"path": "/", "grace_period": "1m"}}},
        status=None,
    ),
    Form(
        "http-alias-string",
        "http.alias",
        {"http": {"alias": "app.example.com"}},
        check=eq(hosts, {"app.example.com"}),
    ),
    Form(
        "http-alias-list",
        "http.alias",
        {"http": {"alias": ["app.example.com", "www.example.com"]}},
        check=eq(hosts, {"app.example.com", "www.example.com"}),
    ),
    Form(
        "http-alias-hosted-zone",
        "http.alias",
        {"http": {"alias": [{"name": "app.example.com", "hosted_zone": "Z0123456789ABCDEFGHIJ"}]}},
        check=all_of(eq(hosts, {"app.example.com"}), zone_used("Z0123456789ABCDEFGHIJ")),
    ),
    Form(
        "http-deregistration-delay",
        "http.deregistration_delay",
        {"http": {"deregistration_delay": "1m"}},
        check=eq(lambda a: svc(a)["load_balancer"]["deregistration_delay"], 60),
    ),
    Form("http-stickiness", "http.stickiness", {"http": {"stickiness": True}}, status=None),
    Form(
        "http-allowed-source-ips",
        "http.allowed_source_ips",
        {"http": {"path": "/admin", "allowed_source_ips": ["10.24.34.0/23"]}},
        check=eq(
            lambda a: {ip for r in rules(a) for ip in r.get("source_ips", [])}, {"10.24.34.0/23"}
        ),
    ),
    Form(
        "http-target-container",
        "http.target_container",
        {
            "http": {"target_container": "proxy"},
            "sidecars": {"proxy": {"image": "public.ecr.aws/nginx/nginx:1.27", "port": 8081}},
        },
        check=eq(lambda a: svc(a)["load_balancer"]["container"], "proxy"),
    ),
    Form(
        "http-additional-rules",
        "http.additional_rules",
        {"http": {"path": "/", "additional_rules": [{"path": "/v2", "alias": "v2.example.com"}]}},
        check=all_of(covers_path("/v2"), eq(hosts, {"v2.example.com"})),
    ),
    # network
    Form(
        "network-connect",
        "network.connect",
        {"network": {"connect": True}},
        check=all_of(
            eq(lambda a: svc(a)["service_connect"]["server"]["dns_name"], "app"),
            eq(lambda a: a["service_connect"]["namespace"], "prod.demo.local"),
        ),
    ),
    Form(
        "network-connect-off",
        "network.connect",
        {"network": {"connect": False}},
        check=eq(lambda a: "service_connect" in svc(a) or "service_connect" in a, False),
    ),
    Form(
        "network-connect-worker",
        "network.connect",
        {
            "type": "Worker Service",
            "http": None,
            "image": {"port": None},
            "network": {"connect": True},
        },
        check=eq(lambda a: svc(a)["service_connect"], {"client": True}),
    ),
    Form("network-connect-invalid", "network.connect", {"network": {"connect": "yes"}}, error=True),
    Form(
        "network-placement",
        "network.vpc.placement",
        {"network": {"vpc": {"placement": "private"}}},
        status=None,
    ),
    Form(
        "network-security-groups",
        "network.vpc.security_groups",
        {"network": {"vpc": {"security_groups": ["sg-0123456789abcdef0"]}}},
        check=eq(lambda a: svc(a)["security_group_ids"], ["sg-0123456789abcdef0"]),
    ),
    Form(
        "network-security-groups-invalid-id",
        "network.vpc.security_groups",
        {"network": {"vpc": {"security_groups": ["default"]}}},
        error=True,
    ),
    Form(
        "network-security-groups-from-cfn",
        "network.vpc.security_groups",
        {"network": {"vpc": {"security_groups": [{"from_cfn": "demo-sg"}]}}},
        status="not migrated",
    ),
    # not migrated, each named
    Form("nlb", "nlb", {"nlb": {"port": "443/tls"}}, status="not migrated"),
    Form(
        "logging",
        "logging",
        {"logging": {"destination": {"Name": "cloudwatch"}}},
        status="not migrated",
    ),
    Form(
        "publish", "publish", {"publish": {"topics": [{"name": "events"}]}}, status="not migrated"
    ),
    Form(
        "taskdef-overrides",
        "taskdef_overrides",
        {
            "taskdef_overrides": [
                {"path": "ContainerDefinitions[0].Ulimits[-]", "value": {"Name": "nofile"}}
            ]
        },
        status="not migrated",
    ),
    Form(
        "rollback-alarms",
        "deployment.rollback_alarms",
        {"deployment": {"rollback_alarms": ["demo-5xx"]}},
        status="not migrated",
    ),
    # invalid input: stop naming the field
    Form("cpu-invalid", "cpu", {"cpu": 300}, error=True),
    Form("cpu-zero", "cpu", {"cpu": 0}, error=True),
    Form("memory-zero", "memory", {"memory": 0}, error=True),
    Form("alias-invalid", "http.alias", {"http": {"alias": "not a host name!"}}, error=True),
)

ENV_FORMS: tuple[Form, ...] = (
    Form(
        "env-vpc-ids",
        "network.vpc.id",
        {},
        target="env",
        check=eq(lambda a: a["network"]["vpc_id"], "vpc-0123456789abcdef0"),
    ),
    Form(
        "env-certificates",
        "http.public.certificates",
        {},
        target="env",
        check=eq(
            lambda a: [c.get("arn") for c in a["alb"]["https"]["certificates"] if c.get("arn")],
            [f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/0c0c0c0c-1d1d-4e2e-8f3f-404040404040"],
        ),
    ),
    Form(
        "env-ingress",
        "http.public.ingress",
        {"http": {"public": {"ingress": {"source_ips": ["203.0.113.0/24"]}}}},
        target="env",
        check=eq(lambda a: a["alb"]["ingress_cidrs"], ["203.0.113.0/24"]),
    ),
    Form(
        "env-insights-on",
        "observability.container_insights",
        {"observability": {"container_insights": True}},
        target="env",
        check=eq(lambda a: a["cluster"]["container_insights"], "enabled"),
    ),
    Form(
        "env-insights-off",
        "observability.container_insights",
        {"observability": {"container_insights": False}},
        target="env",
        check=eq(lambda a: a["cluster"]["container_insights"], "disabled"),
    ),
    Form(
        "env-vpc-bad-id",
        "network.vpc.id",
        {"network": {"vpc": {"id": "vpc-12345"}}},
        target="env",
        error=True,
    ),
    Form(
        "env-cert-not-arn",
        "http.public.certificates",
        {"http": {"public": {"certificates": ["my-certificate"]}}},
        target="env",
        error=True,
    ),
)

FORMS = SERVICE_FORMS + MORE_FORMS + ENV_FORMS
