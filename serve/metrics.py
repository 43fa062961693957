"""Prometheus metrics of one server process: requests, latency, batch sizes, QA outcomes."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["Metrics", "CONTENT_TYPE_LATEST"]


class Metrics:
    """The server's metrics in a registry of its own (several apps in one process do not collide)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("termguard_http_requests", "HTTP requests answered",
                                ["endpoint", "method", "status"], registry=r)
        self.latency = Histogram("termguard_http_request_duration_seconds", "Time to answer a request",
                                 ["endpoint"], registry=r,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
        self.in_flight = Gauge("termguard_http_requests_in_flight", "Requests being answered", registry=r)
        self.batch_texts = Histogram("termguard_batch_texts", "Texts per engine run", registry=r,
                                     buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256))
        self.batch_seconds = Histogram("termguard_batch_duration_seconds", "Time of one engine run", registry=r,
                                       buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
        self.texts = Counter("termguard_translated_texts", "Texts translated", registry=r)
        self.qa_failures = Counter("termguard_qa_failures", "Verification failures reported in translations "
                                   "(a term or number the output does not carry)", registry=r)
        self.loaded_terms = Counter("termguard_loaded_terms", "Loaded terms flagged in translated texts",
                                    registry=r)
        self.model_ready = Gauge("termguard_model_ready", "1 once the translation model is loaded", registry=r)

    def observe_batch(self, texts: int, seconds: float) -> None:
        self.batch_texts.observe(texts)
        self.batch_seconds.observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
