"""Execute the notebooks in `notebooks/` from a clean kernel; any error fails the test.

Needs the Jupyter kernel `python3` (CI: `python -m ipykernel install --user --name python3`).
The notebooks in the repository stay clean: outputs are checked in memory, never written back.
"""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient.exceptions import CellExecutionError

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = ["explore.ipynb", "interception-trends.ipynb", "oblasts-models-trends.ipynb"]
KERNEL = "python3"


def _require_kernel() -> None:
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(
            f"Jupyter kernel {KERNEL!r} not found; install it with "
            f"`python -m ipykernel install --user --name {KERNEL}`",
            pytrace=False,
        )


def _outputs_text(nb) -> str:
    """Every text output of the executed notebook (streams, text/plain and text/html)."""
    parts: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            data = out.get("data", {})
            for mime in ("text/plain", "text/html"):
                if mime in data:
                    parts.append(data[mime])
    return "\n".join(parts)


def _execute(name: str, monkeypatch: pytest.MonkeyPatch):
    _require_kernel()
    monkeypatch.setenv("MPLBACKEND", "Agg")
    path = NOTEBOOK_DIR / name
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        pytest.fail(f"{name} failed:\n{e}", pytrace=False)
    return nb


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = _execute(name, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{name} has no code cells"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    assert any(c.get("outputs") for c in code), f"{name} ran but showed nothing"
    if name == "oblasts-models-trends.ipynb":
        text = _outputs_text(nb)
        for shown in ("affected region", "Shahed", "launched per month", "monthly rate"):
            assert shown in text, f"{name} does not show {shown!r}"
    if name == "explore.ipynb":
        assert "2024-11-13-kyiv" in _outputs_text(nb), (
            "explore.ipynb does not show the seed article"
        )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_clean(name: str) -> None:
    """Notebooks are committed without outputs or execution counts."""
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs"), f"{name}: committed with outputs"
            assert cell.get("execution_count") is None, f"{name}: committed with execution counts"
