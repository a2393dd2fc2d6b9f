"""More documented forms of the fields in forms.py: the map forms of `cpu_percentage`,
`network.connect` and `security_groups`, a health check on another port, a Secrets Manager
JSON key, a sidecar built from a Dockerfile, and Copilot's predefined variables."""

from __future__ import annotations

from .forms_base import Form, container, eq, main, svc
from .workspace import ACCOUNT, REGION

PROXY_URI = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/demo/proxy:1.0.0"

MORE_FORMS: tuple[Form, ...] = (
    Form(
        "count-cpu-percentage-map",
        "count",
        {"count": {"range": "1-4", "cpu_percentage": {"value": 70, "cooldown": {"in": "30s"}}}},
        status=None,  # the cooldown is approximated: one pair for every metric
        check=eq(lambda a: svc(a)["autoscaling"]["cpu_percent"], 70),
    ),
    Form(
        "network-connect-map",
        "network.connect",
        {"network": {"connect": {"alias": "frontend"}}},
        check=eq(lambda a: svc(a)["service_connect"]["server"]["dns_name"], "frontend"),
    ),
    Form(
        "network-security-groups-map",
        "network.vpc.security_groups",
        {
            "network": {
                "vpc": {
                    "security_groups": {
                        "groups": ["sg-0123456789abcdef0"],
                        "deny_default": True,
                    }
                }
            }
        },
        check=eq(lambda a: svc(a)["security_group_ids"], ["sg-0123456789abcdef0"]),
    ),
    Form(
        "network-security-groups-map-allow-default",
        "network.vpc.security_groups",
        {"network": {"vpc": {"security_groups": {"groups": [], "deny_default": False}}}},
        status="approximated",
    ),
    Form(
        "http-healthcheck-port",
        "http.healthcheck",
        {"http": {"healthcheck": {"path": "/", "port": 8080}}},
        status=None,
    ),
    Form(
        "secrets-secretsmanager-json-key",
        "secrets",
        {"secrets": {"DB_USER": {"secretsmanager": "demo/db:username::"}}},
        check=eq(
            lambda a: main(a)["secrets"]["DB_USER"],
            f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:demo/db:username::",
        ),
    ),
    Form(
        "sidecar-image-build",
        "sidecars",
        {"sidecars": {"proxy": {"image": {"build": "./proxy/Dockerfile"}, "port": 8081}}},
        status=None,
        images={"app/proxy": PROXY_URI},
        check=eq(lambda a: container(a, "proxy")["image"], PROXY_URI),
    ),
    Form(
        "sidecar-image-build-without-flag",
        "sidecars",  # the error names sidecars.proxy.image.build
        {"sidecars": {"proxy": {"image": {"build": "./proxy/Dockerfile"}, "port": 8081}}},
        error=True,
    ),
    Form(
        "variables-predefined",
        "variables",
        {"variables": {"ENV": "${COPILOT_ENVIRONMENT_NAME}", "APP": "${COPILOT_APPLICATION_NAME}"}},
        check=eq(lambda a: main(a)["environment"], {"ENV": "prod", "APP": "demo"}),
    ),
)
