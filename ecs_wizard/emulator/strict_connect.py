"""Strict emulator, Service Connect (issue 10 section 3): moto 5.2 accepts
CreateService/UpdateService's serviceConnectConfiguration and drops it, so the provider (which
reads it from the PRIMARY deployment) would see it gone after every apply. Listed in
strict.STRICT_BEHAVIOURS as "ecs-service-connect"; applied by strict.apply()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _namespace_exists(response: Any, namespace: str) -> bool:
    from moto.servicediscovery.models import servicediscovery_backends

    backend = servicediscovery_backends[response.current_account][response.region]
    return any(namespace in (ns.arn, ns.name, ns.id) for ns in backend.namespaces.values())


def _keep(response: Any, cluster: str, name: str, config: dict | None) -> None:
    if config is None:
        return
    service = response.ecs_backend._get_service(cluster, name)
    service._strict_service_connect = config
    for deployment in service.deployments:
        if deployment.get("status") == "PRIMARY":
            deployment["serviceConnectConfiguration"] = config


def _check(response: Any, config: dict | None) -> None:
    from moto.ecs.exceptions import InvalidParameterException

    if not config or not config.get("enabled"):
        return
    namespace = config.get("namespace")
    if not namespace or not _namespace_exists(response, namespace):
        raise InvalidParameterException(
            f"The namespace {namespace} was not found. Specify a valid AWS Cloud Map namespace."
        )


def patch(wrap: Callable[..., None]) -> None:
    """Patch moto's ECS responses with `wrap(owner, name, make)` (strict._wrap)."""
    from moto.ecs.responses import EC2ContainerServiceResponse

    def create_service(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any) -> Any:
            config = self._get_param("serviceConnectConfiguration")
            _check(self, config)
            result = original(self)
            _keep(
                self, self._get_param("cluster", "default"), self._get_param("serviceName"), config
            )
            return result

        return patched

    def update_service(original: Callable[..., Any]) -> Callable[..., Any]:
        def patched(self: Any) -> Any:
            config = self._get_param("serviceConnectConfiguration")
            _check(self, config)
            result = original(self)
            cluster = self._get_param("cluster", "default")
            name = self._get_param("service").split("/")[-1]
            service = self.ecs_backend._get_service(cluster, name)
            # Not sent: the service keeps its configuration (UpdateService reference).
            _keep(self, cluster, name, config or getattr(service, "_strict_service_connect", None))
            return result

        return patched

    wrap(EC2ContainerServiceResponse, "create_service", create_service)
    wrap(EC2ContainerServiceResponse, "update_service", update_service)
