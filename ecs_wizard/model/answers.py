"""The typed answers model: the single source of truth every front end goes through.

Key names follow the `version: 1` answers-file contract. The model checks *shape and types*
(unknown keys are errors, every optional field has a default); the cross-field AWS rules live
in :mod:`ecs_wizard.validation`. ``Answers.to_data()`` gives the canonical plain dict (defaults
filled, stable key order) used for the YAML file and terraform.tfvars; data -> model -> data
is a fixed point.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ecs_wizard.aws.catalog import DEFAULT_TLS_POLICY
from ecs_wizard.model.access import (
    DnsRecord,
    EgressRule,
    PolicyStatement,
    ProjectServiceConnect,
    ServiceConnectServer,
    ServiceServiceConnect,
    TaskRole,
)
from ecs_wizard.model.base import Model as _Model
from ecs_wizard.model.base import account_text
from ecs_wizard.model.base import scalar_to_str as _scalar_to_str
from ecs_wizard.model.base import str_map as _str_map
from ecs_wizard.model.cluster import Capacity, Cluster, Ec2Capacity, FargateCapacity
from ecs_wizard.model.team import CiConfig, GithubCi, StateConfig

CapacityName = Literal["fargate", "fargate_spot", "ec2"]
CpuArchitecture = Literal["X86_64", "ARM64"]
FixedContentType = Literal[
    "text/plain", "text/css", "text/html", "application/javascript", "application/json"
]


class Project(_Model):
    name: str = Field(description="Lower-case letters, digits, hyphens; prefix of every AWS name.")
    environment: str = Field("prod", description="Environment name, e.g. prod, staging.")
    region: str = Field("us-east-1", description="AWS region, e.g. eu-west-1.")
    tags: dict[str, str] = Field(default_factory=dict, description="Tags on every resource.")
    account_id: str | None = Field(
        None,
        description="The AWS account to deploy to (12 digits): the provider's "
        "allowed_account_ids, so other credentials fail before anything is read.",
    )

    _norm_tags = field_validator("tags", mode="before")(_str_map)

    _account = field_validator("account_id", mode="before")(account_text)


class Network(_Model):
    vpc_id: str = Field(description="Existing VPC id (vpc-...).")
    public_subnet_ids: list[str] = Field(
        default_factory=list, description="Internet-facing ALB's subnets (2+ AZs); [] if internal."
    )
    private_subnet_ids: list[str] = Field(description="Subnets for tasks and instances.")


class ContainerHealthCheck(_Model):
    command: list[str] = Field(description='e.g. ["CMD-SHELL", "curl -f http://localhost/"]')
    interval: int = Field(30, ge=5, le=300)
    timeout: int = Field(5, ge=2, le=60)
    retries: int = Field(3, ge=1, le=10)
    start_period: int = Field(0, ge=0, le=300)


class Container(_Model):
    name: str
    image: str = Field(description="Image reference: [registry/]repository[:tag][@digest].")
    port: int | None = Field(None, description="Container port (TCP), if it listens.")
    port_name: str | None = Field(
        None, description="Name of the port (Service Connect); default: <name>-<port>."
    )
    essential: bool = True
    cpu: int | None = Field(None, ge=0, description="CPU units reserved for this container.")
    memory: int | None = Field(None, ge=6, description="Hard memory limit (MiB).")
    command: list[str] | None = None
    entrypoint: list[str] | None = None
    environment: dict[str, str] = Field(default_factory=dict)
    secrets: dict[str, str] = Field(
        default_factory=dict, description="Env name -> SSM parameter or Secrets Manager ARN."
    )
    health_check: ContainerHealthCheck | None = None
    readonly_root_filesystem: bool = False

    _norm_env = field_validator("environment", mode="before")(_str_map)


class Autoscaling(_Model):
    min: int = Field(1, ge=0)
    max: int = Field(4, ge=1, le=5000)
    cpu_percent: int | None = Field(
        None, ge=1, le=100, description="Target CPU %; default 70 when no target is given."
    )
    memory_percent: int | None = Field(None, ge=1, le=100)
    requests_per_target: int | None = Field(None, ge=1)
    scale_in_cooldown: int = Field(300, ge=0)
    scale_out_cooldown: int = Field(60, ge=0)

    @model_validator(mode="after")
    def _default_target(self) -> Autoscaling:
        if (
            self.cpu_percent is None
            and self.memory_percent is None
            and not self.requests_per_target
        ):
            self.cpu_percent = 70
        return self


class Deployment(_Model):
    minimum_healthy_percent: int = Field(100, ge=0, le=100)
    maximum_percent: int = Field(200, ge=100, le=400)
    circuit_breaker_rollback: bool = True
    ignore_image_changes: bool = False
    wait_for_steady_state: bool = Field(
        False,
        description="`terraform apply` waits until the deployment is steady (up to 20 min) and "
        "fails when it fails; false: apply returns once ECS accepted the change and the "
        "circuit breaker handles a failed deployment.",
    )


class TargetHealthCheck(_Model):
    path: str = "/"
    matcher: str = "200-399"
    interval: int = Field(30, ge=5, le=300)
    timeout: int = Field(5, ge=2, le=120)
    healthy_threshold: int = Field(3, ge=2, le=10)
    unhealthy_threshold: int = Field(3, ge=2, le=10)


class LoadBalancer(_Model):
    container: str | None = Field(
        None, description="Container that receives traffic; default: the first with a port."
    )
    health_check: TargetHealthCheck = Field(default_factory=TargetHealthCheck)
    deregistration_delay: int = Field(30, ge=0, le=3600)


class Service(_Model):
    name: str
    capacity: list[CapacityName] | None = Field(
        None,
        description="Capacity providers to use (weights from cluster.capacity); default: the "
        "cluster's default strategy (providers with weight > 0).",
    )
    cpu: int = Field(256, description="Task CPU units (Fargate: 256, 512, 1024, ...).")
    memory: int = Field(512, description="Task memory (MiB).")
    cpu_architecture: CpuArchitecture | None = Field(
        None, description="X86_64 or ARM64 (Graviton); default: ARM64 on Graviton EC2, else X86_64."
    )
    desired_count: int = Field(2, ge=0, le=5000)
    autoscaling: Autoscaling | None = None
    deployment: Deployment = Field(default_factory=Deployment)
    enable_execute_command: bool = False
    secrets_kms_key_arns: list[str] = Field(
        default_factory=list,
        description="Customer-managed KMS key ARNs that encrypt this service's secrets "
        "(Secrets Manager secrets or SecureString parameters); the task execution role may "
        "kms:Decrypt with exactly these keys. Not needed for AWS-managed keys.",
    )
    containers: list[Container] = Field(min_length=1)
    load_balancer: LoadBalancer | None = None
    egress: list[EgressRule] = Field(
        default_factory=list,
        description="Extra outbound access, added to the default TCP 443 to anywhere.",
    )
    security_group_ids: list[str] = Field(
        default_factory=list, description="Existing security groups also attached to the tasks."
    )
    task_role: TaskRole | None = Field(None, description="What the application may do in AWS.")
    service_connect: ServiceServiceConnect | None = None

    @model_validator(mode="after")
    def _default_lb_container(self) -> Service:
        lb = self.load_balancer
        if lb is not None and lb.container is None:
            for c in self.containers:
                if c.port is not None:
                    lb.container = c.name
                    break
        return self


class AccessLogs(_Model):
    bucket: str = Field(description="S3 bucket in the project's region.")
    prefix: str = ""
    create_bucket: bool = Field(
        False,
        description="Create the bucket (SSE-S3, public access blocked, the region's ELB "
        "log-delivery policy); false: it must exist with that policy.",
    )
    retention_days: int = Field(
        90, ge=0, description="Created bucket: delete logs after this many days (0 = keep)."
    )
    force_destroy: bool = Field(
        False, description="Created bucket: let `terraform destroy` delete it with its logs."
    )


class HttpListener(_Model):
    port: int = 80
    redirect_to_https: bool | None = Field(
        None, description="Redirect HTTP to HTTPS; default: true when https is configured."
    )


class Certificate(_Model):
    domain: str | None = Field(None, description="Request a new ACM certificate for this name.")
    subject_alternative_names: list[str] = Field(default_factory=list)
    route53_zone_id: str | None = Field(None, description="Zone for DNS validation records.")
    zones: dict[str, str] | None = Field(
        None,
        description="Name -> Route 53 zone id, for names not in route53_zone_id's zone (e.g. a "
        "subject alternative name in another domain).",
    )
    arn: str | None = Field(None, description="Use an existing ACM certificate.")


class HttpsListener(_Model):
    port: int = 443
    ssl_policy: str = DEFAULT_TLS_POLICY
    certificates: list[Certificate] = Field(default_factory=list)


class FixedResponse(_Model):
    status_code: int = 404
    content_type: FixedContentType = "text/plain"
    message_body: str = "Not found"


class DefaultAction(_Model):
    forward: str | None = Field(None, description="Service that gets unmatched requests.")
    fixed_response: FixedResponse | None = None


class Alb(_Model):
    internal: bool = False
    ingress_cidrs: list[str] = Field(default_factory=lambda: ["0.0.0.0/0"])
    idle_timeout: int = Field(60, ge=1, le=4000)
    deletion_protection: bool = True
    access_logs: AccessLogs | None = None
    http: HttpListener = Field(default_factory=HttpListener)
    https: HttpsListener | None = None
    default_action: DefaultAction = Field(default_factory=DefaultAction)
    dns_records: list[DnsRecord] = Field(
        default_factory=list, description="Route 53 alias records for the ALB, one per name."
    )
    waf_web_acl_arn: str | None = Field(None, description="WAFv2 web ACL (REGIONAL) for the ALB.")

    @model_validator(mode="after")
    def _default_redirect(self) -> Alb:
        if self.http.redirect_to_https is None:
            # "auto": filled in from `https`, but not counted as set, so the answers file
            # keeps it out (`Answers.to_data`) and it still follows `https` when edited again
            self.http.redirect_to_https = self.https is not None
            self.http.model_fields_set.discard("redirect_to_https")
        return self


class Rule(_Model):
    name: str
    priority: int
    service: str
    hosts: list[str] = Field(default_factory=list)
    paths: list[str] = Field(default_factory=list)
    source_ips: list[str] = Field(default_factory=list)
    http_headers: dict[str, list[str]] = Field(default_factory=dict)
    query_strings: dict[str, str] = Field(default_factory=dict)
    methods: list[str] = Field(default_factory=list)

    _norm_qs = field_validator("query_strings", mode="before")(_str_map)

    @field_validator("http_headers", mode="before")
    @classmethod
    def _norm_headers(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: [_scalar_to_str(x) for x in v]
                if isinstance(v, list)
                else [_scalar_to_str(v)]
                if isinstance(v, str | int | float | bool)
                else v
                for k, v in value.items()
            }
        return value


class ValidationSettings(_Model):
    ignore: list[str] = Field(
        default_factory=list,
        description="Warning rule ids to silence, e.g. W-ROUTING-SHADOW (errors cannot be).",
    )


_REQUIRED = object()  # stands in for a base `network` that must be there


class Answers(_Model):
    version: Literal[1] = Field(1, description="Answers file format version.")
    project: Project
    network: Network | None = Field(
        None, description="The VPC and subnets; may be left out when every environment sets one."
    )
    cluster: Cluster = Field(default_factory=Cluster)
    services: list[Service] = Field(min_length=1)
    alb: Alb = Field(default_factory=Alb)
    routing: list[Rule] = Field(default_factory=list)
    service_connect: ProjectServiceConnect | None = Field(
        None, description="Service Connect namespace for the project's services."
    )
    validation: ValidationSettings | None = Field(
        None, description="How ecs-wizard validates these answers (see docs/rules.md)."
    )
    state: StateConfig | None = Field(
        None, description="Remote state (absent: local state in the rendered directory)."
    )
    environments: dict[str, dict[str, Any] | None] | None = Field(
        None,
        description="Environments, each an overlay on these answers: region, tags, network, "
        "cluster, alb (maps merge), services and routing (keyed by name). See README, Teams.",
    )
    ci: CiConfig | None = Field(None, description="CI pipeline to generate.")

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "title": "ecs-wizard answers",
            "$id": "https://github.com/ecs-wizard/ecs-wizard/answers.schema.json",
        },
    )

    @model_validator(mode="before")
    @classmethod
    def _network_given(cls, data: Any) -> Any:
        """`network` may be left out of the base only when environments exist (each merged
        environment, which has none, then needs one): a missing-field error otherwise."""
        if isinstance(data, dict) and data.get("network") is None and not data.get("environments"):
            return {**data, "network": _REQUIRED}
        return data

    @field_validator("network", mode="before")
    @classmethod
    def _network_required(cls, value: Any) -> Any:
        if value is _REQUIRED:
            raise PydanticCustomError("missing", "Field required")
        return value

    @model_validator(mode="after")
    def _default_action(self) -> Answers:
        da = self.alb.default_action
        if da.forward is None and da.fixed_response is None:
            first = next((s.name for s in self.services if s.load_balancer is not None), None)
            if first is not None:
                da.forward = first
            else:
                da.fixed_response = FixedResponse()
        return self

    # -- helpers -------------------------------------------------------------------------
    def to_data(self, *, resolved: bool = False) -> dict[str, Any]:
        """Canonical plain dict: defaults filled, None-valued keys dropped, field order.

        Every nullable field defaults to None, so dropping None keys loses nothing. A default
        that follows other answers ("auto": the HTTPS redirect) stays left out, so it still
        follows them when the file is edited again; `resolved` fills it in (Terraform's view).
        """
        data = self.model_dump(mode="json", exclude_none=True)
        if "redirect_to_https" not in self.alb.http.model_fields_set and not resolved:
            data["alb"]["http"].pop("redirect_to_https", None)
        return data

    def service(self, name: str) -> Service | None:
        return next((s for s in self.services if s.name == name), None)

    def lb_services(self) -> list[Service]:
        return [s for s in self.services if s.load_balancer is not None]

    def default_capacity_strategy(self) -> list[dict[str, Any]]:
        """The cluster's default strategy: providers with weight > 0 or base > 0.

        Items are ``{"provider": "fargate"|"fargate_spot"|"ec2", "weight": int, "base": int}``.
        """
        return [
            {"provider": name, "weight": p.weight, "base": p.base}
            for name, p in self.cluster.capacity.providers().items()
            if p.weight > 0 or p.base > 0
        ]

    def capacity_strategy(self, service: Service) -> list[dict[str, Any]]:
        """The strategy a service uses (same item shape as default_capacity_strategy).

        A service's own `capacity` list takes weight and base from cluster.capacity; when every
        listed provider has weight 0 (e.g. a provider kept out of the default strategy), each
        is used with weight 1.
        """
        if service.capacity is None:
            return self.default_capacity_strategy()
        providers = self.cluster.capacity.providers()
        listed = [(n, providers[n]) for n in service.capacity if n in providers]
        all_zero = all(p.weight == 0 for _, p in listed)
        return [
            {"provider": n, "weight": 1 if all_zero else p.weight, "base": p.base}
            for n, p in listed
        ]


MODELS: tuple[type[BaseModel], ...] = (
    Answers,
    Project,
    Network,
    Cluster,
    Capacity,
    FargateCapacity,
    Ec2Capacity,
    Service,
    Container,
    ContainerHealthCheck,
    Autoscaling,
    Deployment,
    LoadBalancer,
    TargetHealthCheck,
    Alb,
    AccessLogs,
    HttpListener,
    HttpsListener,
    Certificate,
    DefaultAction,
    FixedResponse,
    Rule,
    ValidationSettings,
    EgressRule,
    TaskRole,
    PolicyStatement,
    ServiceServiceConnect,
    ServiceConnectServer,
    ProjectServiceConnect,
    DnsRecord,
    StateConfig,
    CiConfig,
    GithubCi,
)
