"""GE's ExpectationValidationResult, as the JSON GE itself writes."""

import traceback
from typing import Any

from expectations.jsonable import jsonable
from expectations.parameters import resolve_kwargs
from expectations.suite import Expectation


def evaluated_result(
    exp: Expectation, success: bool, result: dict[str, Any], parameters: dict[str, Any]
) -> dict[str, Any]:
    """GE's ExpectationValidationResult as JSON, with the resolved kwargs."""
    config = exp.to_json()
    config["kwargs"] = jsonable(resolve_kwargs(exp.kwargs, parameters))
    config["meta"] = {**exp.meta, "check_name": exp.check_name}
    return {
        "success": bool(success),
        "expectation_config": config,
        "result": jsonable(result),
        "meta": {},
        "exception_info": {
            "raised_exception": False,
            "exception_message": None,
            "exception_traceback": None,
        },
    }


def error_result(exp: Expectation, exc: BaseException) -> dict[str, Any]:
    """The expectation could not be evaluated: it fails, and says why."""
    config = exp.to_json()
    config["meta"] = {**exp.meta, "check_name": exp.check_name}
    message = f"{type(exc).__name__}: {exc}"
    trace = "".join(traceback.format_exception_only(type(exc), exc))
    return {
        "success": False,
        "expectation_config": config,
        "result": {},
        "meta": {},
        "exception_info": {
            "raised_exception": True,
            "exception_message": message,
            "exception_traceback": trace,
        },
    }
