"""The HTTP service, against a real uvicorn server on 127.0.0.1 (a random free port)."""

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pydantic
import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
pytest.importorskip("pydantic_settings")

from sdgmap.service import (  # noqa: E402
    JSONErrorsH11Protocol,  # noqa: E402
    ServiceSettings,
    create_app,
)

ROOT = Path(__file__).resolve().parents[1]
LIMITS = ServiceSettings(max_batch=4, max_text_chars=2_000, max_body_bytes=20_000)
SOLAR = "A citizen solar cooperative sells renewable electricity to its members."
GARDEN = "Un jardin partagé où les habitants cultivent des légumes bio."


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="module")
def base_url(model):
    sock = _free_socket()
    config = uvicorn.Config(create_app(model, LIMITS), log_level="warning", lifespan="off", http=JSONErrorsH11Protocol)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def client(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as session:
        yield session


def post_raw(client, body: bytes, content_type="application/json"):
    return client.post("/v1/classify", content=body, headers={"content-type": content_type})


def assert_error(response, status, code, *words):
    assert response.status_code == status, response.text
    answer = response.json()
    assert answer["status"] == status and answer["code"] == code
    for word in words:
        assert word in answer["detail"], answer["detail"]
    return answer


# -- happy path ------------------------------------------------------------------------


def test_one_text_gives_one_classification(client, model):
    response = client.post("/v1/classify", json={"text": SOLAR})
    assert response.status_code == 200
    answer = response.json()
    assert answer == model.classify(SOLAR).model_dump(mode="json")
    assert 7 in answer["sdgs"] and len(answer["goals"]) == 17


def test_batch_of_texts_keeps_the_order(client, model):
    response = client.post("/v1/classify", json={"texts": [SOLAR, GARDEN, ""]})
    results = response.json()["results"]
    assert [r["id"] for r in results] == [None, None, None]
    expected = [r.model_dump(mode="json") for r in model.classify_many([SOLAR, GARDEN, ""])]
    assert [{k: v for k, v in r.items() if k != "id"} for r in results] == expected
    assert results[1]["language"] == "fr" and results[2]["sdgs"] == []


def test_items_keep_their_ids(client):
    items = [{"id": "b-2", "text": GARDEN}, {"id": 17, "text": SOLAR}]
    results = client.post("/v1/classify", json={"items": items}).json()["results"]
    assert [r["id"] for r in results] == ["b-2", 17]
    assert [r["language"] for r in results] == ["fr", "en"]


def test_options_are_applied(client, model):
    options = {"language": "fr", "operating_point": "recall", "targets": False, "evidence": True, "systemic": True}
    answer = client.post("/v1/classify", json={"text": SOLAR, **options}).json()
    expected = model.classify(SOLAR, **options).model_dump(mode="json")
    assert answer == expected
    assert answer["language"] == "fr" and answer["operating_point"] == "recall"
    assert answer["targets"] == [] and answer["systemic"] is not None


def test_taxonomy_health_version_and_docs(client, model):
    taxonomy = client.get("/v1/taxonomy").json()
    assert len(taxonomy["goals"]) == 17 and len(taxonomy["targets"]) == 169
    assert client.get("/health").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["sdgmap"] == __import__("sdgmap").__version__
    assert version["model_sha256"] == model.meta["sha256"] and version["model_version"] == model.meta["version"]
    schema = client.get("/openapi.json").json()
    assert "/v1/classify" in schema["paths"] and "Classification" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


# -- bad input: always a 4xx JSON answer with a readable message ------------------------


def test_invalid_json_is_400(client):
    assert_error(post_raw(client, b'{"text": "unfinished'), 400, "E041", "not valid JSON")
    assert_error(post_raw(client, b'{"text": "x"} and more'), 400, "E041", "Extra data")
    assert_error(post_raw(client, b"\xff\xfe\x00"), 400, "E041", "UTF-8")
    assert_error(post_raw(client, b"[" * 5_000 + b"]" * 5_000), 400, "E041")  # too deep to parse


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"text": 42}, "text: Input should be a valid string"),
        ({"texts": "not a list"}, "texts: Input should be a valid list"),
        ({"texts": [SOLAR, None]}, "texts.1: Input should be a valid string"),
        ({"items": [{"id": 1.5, "text": SOLAR}]}, "items.0.id"),
        ({"items": [{"id": "x"}]}, "items.0.text: Field required"),
        ({"text": SOLAR, "targets": "yes"}, "targets: Input should be a valid boolean"),
        ([SOLAR], "body: Input should be a valid dictionary"),
    ],
)
def test_wrong_types_are_422(client, body, where):
    assert_error(client.post("/v1/classify", json=body), 422, "E042", where)


def test_body_that_is_not_json_content_is_422_with_a_hint(client):
    assert_error(post_raw(client, b'{"text": "x"}', "text/plain"), 422, "E042", "Content-Type: application/json")


def test_empty_batch_and_missing_input_are_422(client):
    assert_error(client.post("/v1/classify", json={"texts": []}), 422, "E042", "at least 1 item")
    assert_error(client.post("/v1/classify", json={"items": []}), 422, "E042", "at least 1 item")
    assert_error(client.post("/v1/classify", json={}), 422, "E043", "exactly one of")
    assert_error(client.post("/v1/classify", json={"text": SOLAR, "texts": [SOLAR]}), 422, "E043", "got text, texts")


def test_batch_over_the_limit_is_422(client):
    assert_error(client.post("/v1/classify", json={"texts": [SOLAR] * 5}), 422, "E042", "at most 4 items")


def test_over_long_text_is_422(client):
    assert_error(client.post("/v1/classify", json={"text": "a" * 2_001}), 422, "E042", "at most 2000 characters")
    assert_error(client.post("/v1/classify", json={"texts": [SOLAR, "b" * 2_001]}), 422, "E042", "texts.1")


@pytest.mark.parametrize("words", [1_000, 150_000])
def test_oversize_body_is_413_from_its_declared_length(client, words):
    body = json.dumps({"texts": ["word " * words] * 4}).encode()
    assert len(body) > LIMITS.max_body_bytes
    assert_error(post_raw(client, body), 413, "E040", "over the limit of 20000 bytes")


def test_oversize_body_is_413_while_it_streams(client):
    def chunks():  # chunked transfer: no Content-Length to check
        yield b'{"texts": ["'
        for _ in range(30):
            yield b"x" * 1_000
        yield b'"]}'

    response = client.post("/v1/classify", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413, "E040", "more than 20000 bytes sent")


def test_unknown_options_and_operating_point_are_422(client):
    assert_error(client.post("/v1/classify", json={"text": SOLAR, "colour": "blue"}), 422, "E042",
                 "colour: Extra inputs are not permitted")
    assert_error(client.post("/v1/classify", json={"items": [{"id": 1, "text": SOLAR, "lang": "fr"}]}), 422, "E042",
                 "items.0.lang")
    assert_error(client.post("/v1/classify", json={"text": SOLAR, "operating_point": "best"}), 422, "E042",
                 "operating_point: Input should be 'balanced', 'f1', 'precision' or 'recall'")
    assert_error(client.post("/v1/classify", json={"text": SOLAR, "language": "de"}), 422, "E042",
                 "language: Input should be 'en' or 'fr'")


def test_the_server_still_answers_after_bad_input(client):
    assert client.post("/v1/classify", json={"text": SOLAR}).status_code == 200


def test_docs_page_works_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/docs-assets/") for source in sources), sources
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200 and len(asset.content) > 500, source
    assert "SwaggerUIBundle" in client.get("/docs-assets/swagger-ui-bundle.js").text


def _raw_request(base_url: str, request: bytes) -> tuple[int, dict, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def test_bad_content_length_gets_the_json_error(base_url):
    body = b'{"text": "x"}'
    status, headers, answer = _raw_request(base_url, b"POST /v1/classify HTTP/1.1\r\nHost: x\r\n"
                                           b"Content-Type: application/json\r\nContent-Length: twelve\r\n\r\n" + body)
    assert status == 400 and headers["content-type"] == "application/json"
    error = json.loads(answer)
    assert error["code"] == "E044" and "'twelve'" in error["detail"] and error["status"] == 400


def test_json_body_without_content_type_is_read_as_json(base_url, model):
    body = json.dumps({"text": SOLAR}).encode()
    status, _, answer = _raw_request(base_url, b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    assert status == 200 and json.loads(answer)["sdgs"] == list(model.classify(SOLAR).sdgs)


def test_duplicate_ids_in_a_batch_are_refused(client):
    items = [{"id": "a1", "text": SOLAR}, {"id": "b2", "text": GARDEN}, {"id": "a1", "text": GARDEN}]
    answer = assert_error(client.post("/v1/classify", json={"items": items}), 422, "E042", "'a1'", "items 0 and 2")
    assert answer["errors"][0]["loc"] == ["items"]
    same_value_other_type = [{"id": 1, "text": SOLAR}, {"id": "1", "text": GARDEN}]
    assert client.post("/v1/classify", json={"items": same_value_other_type}).status_code == 200


# -- the serve command: its own process, model loaded by the worker ---------------------


def test_serve_command_runs_a_worker_with_its_limits():
    with _free_socket() as sock:
        port = sock.getsockname()[1]
    code = "from sdgmap.cli import serve; serve()"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--port", str(port), "--max-batch", "2", "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stdout.read().decode()
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "sdgmap serve did not start"
            time.sleep(0.2)
        assert httpx.post(f"{url}/v1/classify", json={"texts": [SOLAR, GARDEN]}).status_code == 200
        assert_error(httpx.post(f"{url}/v1/classify", json={"texts": [SOLAR] * 3}), 422, "E042", "at most 2 items")
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_app_loads_through_model_source_and_requests_build_one_options_object():
    from sdgmap.loading import ModelSource
    from sdgmap.results import ClassifyOptions

    app = create_app(settings=LIMITS)
    assert app.state.model is ModelSource(LIMITS.model_path, LIMITS.trust).load()  # the one loader, read once
    from sdgmap.service import classify_request_model

    Request = classify_request_model(LIMITS, app.state.model.operating_points, ("en", "fr"))
    options = Request(text="Un jardin partagé.", evidence=True).options()
    assert isinstance(options, ClassifyOptions) and options.evidence and options.targets


# -- settings from the environment ---------------------------------------------------------


@pytest.fixture
def clean_environment(monkeypatch):
    for name in ("SDGMAP_SERVICE_SETTINGS", "SDGMAP_MODEL", "SDGMAP_MAX_BATCH", "SDGMAP_MAX_BODY_BYTES",
                 "SDGMAP_MAX_TEXT_CHARS", "SDGMAP_TRUST", "SDGMAP_MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_settings_read_the_variables_of_the_serve_options(clean_environment, tmp_path):
    assert ServiceSettings() == ServiceSettings(model_path=None, trust=False, max_batch=256)
    clean_environment.setenv("SDGMAP_MAX_BATCH", "7")
    clean_environment.setenv("SDGMAP_MAX_TEXT_CHARS", "500")
    clean_environment.setenv("SDGMAP_MODEL", str(tmp_path))
    clean_environment.setenv("SDGMAP_TRUST", "true")  # --trust has no variable: neither has the service
    settings = ServiceSettings()
    assert (settings.max_batch, settings.max_text_chars, settings.model_path, settings.trust) == (7, 500, str(tmp_path), False)
    assert ServiceSettings(max_batch=3).max_batch == 3  # an argument wins
    clean_environment.setenv("SDGMAP_MAX_BATCH", "many")
    with pytest.raises(ValueError, match="max_batch"):
        ServiceSettings()


def test_the_settings_variable_still_works_and_wins_over_single_variables(clean_environment):
    clean_environment.setenv("SDGMAP_MAX_BATCH", "7")
    clean_environment.setenv("SDGMAP_SERVICE_SETTINGS", json.dumps({"max_batch": 2, "max_body_bytes": 4096, "trust": True}))
    settings = ServiceSettings()
    assert (settings.max_batch, settings.max_body_bytes, settings.trust) == (2, 4096, True)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        settings.max_batch = 3
    clean_environment.setenv("SDGMAP_SERVICE_SETTINGS", json.dumps({"max_batchh": 2}))
    with pytest.raises(ValueError, match="max_batchh"):
        ServiceSettings()
    clean_environment.setenv("SDGMAP_SERVICE_SETTINGS", "max_batch=2")
    with pytest.raises(ValueError, match="SDGMAP_SERVICE_SETTINGS"):
        ServiceSettings()


def test_app_from_environment_enforces_the_limits_it_is_given(clean_environment, model):
    from fastapi.testclient import TestClient

    from sdgmap.service import app_from_environment

    clean_environment.setenv("SDGMAP_SERVICE_SETTINGS", ServiceSettings(max_batch=2).model_dump_json())
    app = app_from_environment()
    assert app.state.settings.max_batch == 2
    with TestClient(app) as local:
        assert local.post("/v1/classify", json={"texts": [SOLAR, GARDEN]}).status_code == 200
        assert_error(local.post("/v1/classify", json={"texts": [SOLAR] * 3}), 422, "E042", "at most 2 items")
