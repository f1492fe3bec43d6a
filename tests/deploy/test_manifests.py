"""The deploy files hold together: every reference between them names something that exists, probes hit
real ports and paths, and the commands are the ones the services have. No container engine is needed."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
BASE = DEPLOY / "k8s" / "base"
APIS = {"clients-api": 8001, "referrals-api": 8002, "employer-api": 8003, "metrics-api": 8004}
COMMANDS = {"serve", "dispatch", "migrate"}


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


@pytest.fixture(scope="module")
def base() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    return [doc for name in kustomization["resources"] for doc in documents(BASE / name)]


def of_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["kind"] == kind]


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return workload["spec"]["template"]["spec"]


def matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def has_command(api: str, command: str) -> bool:
    """Whether the service's own command line knows ``command`` (its ``--help`` exits 0, an unknown one 2)."""
    main = importlib.import_module(f"{api.replace('-', '_')}.cli").main
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    return exit_.value.code == 0


class TestEveryFileParses:
    @pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DEPLOY)))
    def test_yaml(self, path: Path) -> None:
        assert documents(path)


class TestKustomization:
    def test_resources_exist_and_every_manifest_is_listed(self) -> None:
        listed = set(yaml.safe_load((BASE / "kustomization.yaml").read_text())["resources"])
        present = {p.name for p in BASE.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
        assert listed == present

    def test_names_are_unique_per_kind(self, base: list[dict[str, Any]]) -> None:
        keys = [(doc["kind"], doc["metadata"]["name"]) for doc in base]
        assert len(keys) == len(set(keys))


class TestWorkloads:
    def test_every_api_has_deployment_dispatcher_service_job_and_budget(self, base: list[dict[str, Any]]) -> None:
        names = {(doc["kind"], doc["metadata"]["name"]) for doc in base}
        for api in APIS:
            for kind, name in [
                ("Deployment", api),
                ("Deployment", f"{api}-dispatcher"),
                ("Service", api),
                ("Job", f"{api}-migrate"),
                ("PodDisruptionBudget", api),
            ]:
                assert (kind, name) in names, f"missing {kind} {name}"

    def test_deployments_run_two_replicas_and_selectors_match_their_pods(self, base: list[dict[str, Any]]) -> None:
        for deployment in of_kind(base, "Deployment"):
            assert deployment["spec"]["replicas"] >= 2, deployment["metadata"]["name"]
            selector = deployment["spec"]["selector"]["matchLabels"]
            assert matches(selector, deployment["spec"]["template"]["metadata"]["labels"])

    def test_every_service_selects_pods_and_targets_a_container_port(self, base: list[dict[str, Any]]) -> None:
        workloads = of_kind(base, "Deployment")
        for service in of_kind(base, "Service"):
            selected = [
                w
                for w in workloads
                if matches(service["spec"]["selector"], w["spec"]["template"]["metadata"]["labels"])
            ]
            assert len(selected) == 1, f"Service {service['metadata']['name']} selects {len(selected)} workloads"
            ports = {
                (p.get("name"), p["containerPort"])
                for c in pod_spec(selected[0])["containers"]
                for p in c.get("ports", [])
            }
            for port in service["spec"]["ports"]:
                target = port["targetPort"]
                assert any(target in (name, number) for name, number in ports), f"{target} not a container port"

    def test_api_ports_match_the_contract(self, base: list[dict[str, Any]]) -> None:
        for api, port in APIS.items():
            [deployment] = [d for d in of_kind(base, "Deployment") if d["metadata"]["name"] == api]
            [container] = pod_spec(deployment)["containers"]
            assert container["ports"] == [{"name": "http", "containerPort": port}]
            assert container["args"][-1] == str(port)

    def test_probes_use_health_endpoints_on_a_declared_port(self, base: list[dict[str, Any]]) -> None:
        for api in APIS:
            [deployment] = [d for d in of_kind(base, "Deployment") if d["metadata"]["name"] == api]
            [container] = pod_spec(deployment)["containers"]
            port_names = {p["name"] for p in container["ports"]}
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                assert container[probe]["httpGet"]["port"] in port_names

    def test_metrics_are_scraped_on_the_apis_own_port_which_the_policy_admits(self, base: list[dict[str, Any]]) -> None:
        # The gateway refuses /api/*/metrics (deploy/caddy/Caddyfile): the scraper reads each pod directly.
        [policy] = of_kind(base, "NetworkPolicy")
        scrape_rules = [
            rule for rule in policy["spec"]["ingress"] if any("namespaceSelector" in peer for peer in rule["from"])
        ]
        assert scrape_rules and all(rule["ports"] == [{"port": "http"}] for rule in scrape_rules)
        for api, port in APIS.items():
            [deployment] = [d for d in of_kind(base, "Deployment") if d["metadata"]["name"] == api]
            annotations = deployment["spec"]["template"]["metadata"]["annotations"]
            assert annotations["prometheus.io/path"] == "/metrics"
            assert annotations["prometheus.io/port"] == str(port)
            [container] = pod_spec(deployment)["containers"]
            assert {"name": "http", "containerPort": port} in container["ports"]
            assert matches(
                policy["spec"]["podSelector"]["matchLabels"], deployment["spec"]["template"]["metadata"]["labels"]
            )

    def test_jobs_and_dispatchers_use_the_apis_image_and_a_real_command(self, base: list[dict[str, Any]]) -> None:
        images = {d["metadata"]["name"]: pod_spec(d)["containers"][0]["image"] for d in of_kind(base, "Deployment")}
        for workload in [*of_kind(base, "Deployment"), *of_kind(base, "Job")]:
            name = workload["metadata"]["name"]
            api = next((a for a in APIS if name.startswith(a)), None)
            if api is None:
                continue
            container = pod_spec(workload)["containers"][0]
            assert container["image"] == images[api]
            assert container["args"][0] in COMMANDS

    def test_periodic_jobs_run_a_command_of_their_service_on_its_database(self, base: list[dict[str, Any]]) -> None:
        images = {d["metadata"]["name"]: pod_spec(d)["containers"][0]["image"] for d in of_kind(base, "Deployment")}
        cronjobs = {c["metadata"]["name"]: c for c in of_kind(base, "CronJob")}
        assert {"referrals-api-expire", "clients-api-announce-overdue", "clients-api-route-handovers"} <= set(cronjobs)
        assert {f"{api}-prune" for api in APIS} <= set(cronjobs), "every service prunes what retention allows"
        for name, cronjob in cronjobs.items():
            api = next(a for a in APIS if name.startswith(a))
            [container] = pod_spec(cronjob)["containers"]
            assert container["image"] == images[api], name
            assert has_command(api, container["args"][0]), name
            database = f"POLKU_{api.removesuffix('-api').upper()}_DATABASE_URL"
            assert database in {variable["name"] for variable in container.get("env", [])}, name
            assert cronjob["spec"]["concurrencyPolicy"] == "Forbid", name

    def test_pods_run_unprivileged(self, base: list[dict[str, Any]]) -> None:
        for workload in [*of_kind(base, "Deployment"), *of_kind(base, "Job"), *of_kind(base, "CronJob")]:
            spec = pod_spec(workload)
            assert spec["securityContext"]["runAsNonRoot"] is True
            for container in spec["containers"]:
                context = container["securityContext"]
                assert context["allowPrivilegeEscalation"] is False
                assert context["readOnlyRootFilesystem"] is True
                assert context["capabilities"]["drop"] == ["ALL"]

    def test_one_replica_of_everything_fits_in_a_modest_server(self, base: list[dict[str, Any]]) -> None:
        def mebibytes(value: str) -> float:
            number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", value).groups()  # type: ignore[union-attr]
            return int(number) * (1024 if unit == "Gi" else 1)

        total = sum(
            mebibytes(c["resources"]["limits"]["memory"])
            for d in of_kind(base, "Deployment")
            for c in pod_spec(d)["containers"]
        )
        assert total <= 1536, f"{total} MiB of memory limits for one replica of each process"


class TestReferences:
    def test_config_and_secret_references_exist(self, base: list[dict[str, Any]]) -> None:
        config_maps = {d["metadata"]["name"] for d in of_kind(base, "ConfigMap")}
        secret = documents(BASE / "secret.example.yaml")[0]
        secret_keys = set(secret["stringData"])
        for workload in [*of_kind(base, "Deployment"), *of_kind(base, "Job"), *of_kind(base, "CronJob")]:
            for container in pod_spec(workload)["containers"]:
                for source in container.get("envFrom", []):
                    if "configMapRef" in source:
                        assert source["configMapRef"]["name"] in config_maps
                    if "secretRef" in source:
                        assert source["secretRef"]["name"] == secret["metadata"]["name"]
                for variable in container.get("env", []):
                    reference = variable.get("valueFrom", {}).get("secretKeyRef")
                    if reference:
                        assert reference["name"] == secret["metadata"]["name"]
                        assert reference["key"] in secret_keys, reference["key"]

    def test_every_referrals_process_has_its_client_secret_and_finds_clients_api(
        self, base: list[dict[str, Any]]
    ) -> None:
        """referrals-api refuses to start in production without its own client secret, whatever the command."""
        config = of_kind(base, "ConfigMap")[0]["data"]
        assert config["POLKU_CLIENTS_API_URL"] == f"http://clients-api:{APIS['clients-api']}"
        assert config["POLKU_OIDC_TOKEN_URL"].startswith("https://")
        workloads = [
            w
            for kind in ("Deployment", "Job", "CronJob")
            for w in of_kind(base, kind)
            if w["metadata"]["name"].startswith("referrals-api")
        ]
        assert {w["metadata"]["name"] for w in workloads} == {
            "referrals-api",
            "referrals-api-dispatcher",
            "referrals-api-migrate",
            "referrals-api-expire",
            "referrals-api-prune",
        }
        for workload in workloads:
            for container in pod_spec(workload)["containers"]:
                names = {variable["name"] for variable in container.get("env", [])}
                assert "POLKU_REFERRALS_CLIENT_SECRET" in names, workload["metadata"]["name"]
        expire = next(w for w in workloads if w["kind"] == "CronJob")
        assert pod_spec(expire)["containers"][0]["args"] == ["expire"]

    def test_ingress_points_at_the_gateway_service(self, base: list[dict[str, Any]]) -> None:
        services = {d["metadata"]["name"]: d for d in of_kind(base, "Service")}
        for ingress in of_kind(base, "Ingress"):
            for rule in ingress["spec"]["rules"]:
                for path in rule["http"]["paths"]:
                    backend = path["backend"]["service"]
                    port_names = {p["name"] for p in services[backend["name"]]["spec"]["ports"]}
                    assert backend["port"]["name"] in port_names

    def test_gateway_upstreams_name_real_services_and_ports(self, base: list[dict[str, Any]]) -> None:
        services = {d["metadata"]["name"]: {p["port"] for p in d["spec"]["ports"]} for d in of_kind(base, "Service")}
        [gateway] = [d for d in of_kind(base, "Deployment") if d["metadata"]["name"] == "gateway"]
        upstreams = {
            e["name"]: e["value"] for e in pod_spec(gateway)["containers"][0]["env"] if e["name"].endswith("_UPSTREAM")
        }
        caddyfile = (DEPLOY / "caddy" / "Caddyfile").read_text()
        for name, value in upstreams.items():
            host, port = value.split(":")
            assert int(port) in services[host], value
            assert "{$" + name in caddyfile, f"the Caddyfile does not use {name}"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


class TestCompose:
    def test_dependencies_name_services(self, compose: dict[str, Any]) -> None:
        for name, service in compose["services"].items():
            for dependency in service.get("depends_on", {}):
                assert dependency in compose["services"], f"{name} depends on unknown {dependency}"

    def test_every_service_has_an_image_and_existing_dockerfile(self, compose: dict[str, Any]) -> None:
        for name, service in compose["services"].items():
            assert service.get("image") or service.get("build"), name
            if "build" in service:
                assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).exists(), name

    def test_api_ports_and_commands(self, compose: dict[str, Any]) -> None:
        for api, port in APIS.items():
            short = api.removesuffix("-api")
            assert compose["services"][short]["command"][-1] == str(port)
            assert compose["services"][f"{short}-dispatch"]["command"] == ["dispatch"]
            assert compose["services"][f"{short}-migrate"]["command"] == ["migrate"]
            gateway_env = compose["services"]["gateway"]["environment"]
            assert gateway_env[f"POLKU_{short.upper()}_UPSTREAM"] == f"{short}:{port}"

    def test_periodic_jobs_run_a_command_of_their_service(self, compose: dict[str, Any]) -> None:
        jobs = {
            name: service
            for name, service in compose["services"].items()
            if service.get("image", "").removeprefix("polku/") in APIS and service["command"][0] not in COMMANDS
        }
        assert {"referrals-expire", "clients-announce-overdue", "clients-route-handovers"} <= set(jobs)
        assert {f"{api.removesuffix('-api')}-prune" for api in APIS} <= set(jobs)
        for name, service in jobs.items():
            assert has_command(service["image"].removeprefix("polku/"), service["command"][0]), name
            assert "--every" in service["command"], f"{name} runs once and stops"

    def test_referrals_processes_get_their_client_and_clients_api(self, compose: dict[str, Any]) -> None:
        for name in ("referrals", "referrals-dispatch", "referrals-migrate", "referrals-expire"):
            environment = compose["services"][name]["environment"]
            assert environment["POLKU_CLIENTS_API_URL"] == f"http://clients:{APIS['clients-api']}", name
            assert "POLKU_REFERRALS_CLIENT_SECRET" in environment and "POLKU_OIDC_TOKEN_URL" in environment, name


class TestDockerfiles:
    @pytest.mark.parametrize("path", sorted((DEPLOY / "docker").glob("*.Dockerfile")), ids=lambda p: p.name)
    def test_non_root_with_a_known_entrypoint(self, path: Path) -> None:
        text = path.read_text()
        user = re.findall(r"^USER (\S+)", text, re.M)
        assert user and not user[-1].startswith(("root", "0")), "the final stage must not run as root"
        entrypoint = re.findall(r'^ENTRYPOINT \["([^"]+)"', text, re.M)
        assert entrypoint and entrypoint[-1] in {*APIS, "polku-identity", "caddy"}

    @pytest.mark.parametrize("api", APIS)
    def test_each_api_dockerfile_exposes_its_port(self, api: str) -> None:
        text = (DEPLOY / "docker" / f"{api}.Dockerfile").read_text()
        assert f"EXPOSE {APIS[api]}" in text
        assert f"--package {api}" in text


class TestNationalPlatform:
    """The national platform's settings reach the processes that use them (docs/integration.md)."""

    RECEIVERS = ("clients-api", "employer-api")
    NATIONAL_JOBS = {"poll-postings", "publish-postings", "reconcile"}

    def test_the_receiving_apis_take_the_platform_webhook_secrets_from_the_secret(
        self, base: list[dict[str, Any]]
    ) -> None:
        secret = documents(BASE / "secret.example.yaml")[0]["stringData"]
        secrets = json.loads(secret["platform-webhook-secrets"])
        assert secrets and all(value.startswith("whsec_") for value in secrets)
        for api in self.RECEIVERS:
            (deployment,) = [
                d
                for d in of_kind(base, "Deployment")
                if d["metadata"]["labels"]["app.kubernetes.io/name"] == api
                and d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] == "api"
            ]
            env = {variable["name"]: variable for variable in pod_spec(deployment)["containers"][0]["env"]}
            reference = env["POLKU_PLATFORM_WEBHOOK_SECRETS"]["valueFrom"]["secretKeyRef"]
            assert reference["key"] == "platform-webhook-secrets", api

    def test_every_national_job_has_the_api_key(self, base: list[dict[str, Any]]) -> None:
        jobs = [w for w in of_kind(base, "CronJob") if pod_spec(w)["containers"][0]["args"][0] in self.NATIONAL_JOBS]
        assert len(jobs) == 4  # employer-api's poll, publish and reconcile, clients-api's reconcile
        for job in jobs:
            env = {variable["name"]: variable for variable in pod_spec(job)["containers"][0]["env"]}
            assert env["POLKU_NATIONAL_API_KEY"]["valueFrom"]["secretKeyRef"]["key"] == "national-api-key"

    def test_compose_reads_the_platform_settings_into_every_clients_and_employer_process(
        self, compose: dict[str, Any]
    ) -> None:
        for name, service in compose["services"].items():
            if service.get("image", "").removeprefix("polku/") in self.RECEIVERS:
                assert {"path": "platform.env", "required": False} in service["env_file"], name
        example = (DEPLOY / "platform.env.example").read_text()
        assert 'POLKU_PLATFORM_WEBHOOK_SECRETS=["whsec_' in example
        runs = {(s["command"][0], s["image"]) for s in compose["services"].values() if "command" in s}
        for job in ("poll-postings", "publish-postings", "reconcile"):
            assert (job, "polku/employer-api") in runs, job
        assert ("reconcile", "polku/clients-api") in runs
