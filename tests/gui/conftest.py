"""GUI fixtures: QSettings, QStandardPaths and the library all live under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from tests.gui.sqlite_guard import StraceGuard, audit_opens

collect_ignore = ["screenshots.py", "screenshots_collection.py"]

PAGE_ONE = """\
# 呼和浩特:科技赋能强产业 创新驱动启新程

●本报记者 武子暄

2025年技术合同成交额达38.97亿元,科技服务业营收突破138亿元。这些硬核数据,是呼和浩特市创新发展的亮眼答卷。

“十四五”时期,呼和浩特市推动创新链、产业链、资金链、人才链深度融合。

**创新主体“量质齐升”**

企业是科技创新与产业创新的核心载体。呼和浩特市坚持企业创新主体地位,推动创新资源向企业集聚。

# 赛罕区春节元宵节群众文化活动好戏连台

●本报记者 王某

本报讯 今年春节期间,赛罕区举办群众文化活动120余场,市民在家门口就能看大戏。

活动现场热闹非凡,市民纷纷点赞。
"""

PAGE_TWO = """\
## 快乐不打烊 冰雪过大年

春节假期,市民在冰雪乐园里尽情玩耍。

■本报记者 王劭凯 摄

孩子们在滑雪场上嬉戏。

# 内蒙古博物院公益鉴定活动开始预约报名

●本报记者 杨永刚

本报讯 内蒙古博物院将于3月举办公益鉴定活动,市民可通过公众号预约报名。
"""

HOSTILE = """\
# <script>alert('标题')</script>

●本报记者 <b>王某</b>

正文<img src=file:///etc/passwd>继续,<a href="http://example.com/">点我</a>。还有&amp;实体。
"""


def write_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    one = folder / "晚报-2026-02-10-第3版.txt"
    two = folder / "晚报-2026-02-11-第5版.txt"
    one.write_text(PAGE_ONE, encoding="utf-8")
    two.write_text(PAGE_TWO, encoding="utf-8")
    return [one, two]


@pytest.fixture(autouse=True)
def _library_only_through_sqlite(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails the test if its process opened a library file other than through SQLite."""
    traced = StraceGuard.available() and not request.node.get_closest_marker("strace_child")
    guard = StraceGuard(tmp_path / "strace.log") if traced else None
    tracing = guard is not None and guard.start()
    with audit_opens() as python_opens:
        yield
    found = [*python_opens, *(guard.stop() if guard is not None and tracing else [])]
    if found:
        pytest.fail("a library file was opened outside SQLite:\n" + "\n".join(found[:10]))


@pytest.fixture(autouse=True)
def _isolated_qt_paths(tmp_path: Path, qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    QCoreApplication.setOrganizationName("PizhuTests")
    QCoreApplication.setApplicationName("pizhu-tests")
    # as in the app: cycles holding widgets are freed on this thread, never on a worker's
    from reader.gui import collector

    gc_owner = collector.install(qapp)
    yield
    gc_owner.stop()


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from reader.gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "pizhu.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[object]:
    from reader.store.library import Library

    lib = Library.open(tmp_path / "library.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    return write_pages(tmp_path / "pages")


@pytest.fixture
def filled(library, pages):  # type: ignore[no-untyped-def]
    summary = library.import_paths(pages)
    assert summary.imported == 2
    return library


@pytest.fixture
def no_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    monkeypatch.setattr("reader.gui.window_controller.samples_dir", lambda: folder)
    return folder


def make_app(qtbot, library, settings):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App, make_application

    qapp = make_application()
    assert qapp is QApplication.instance()
    app = App(qapp, library, settings)
    qtbot.addWidget(app.window)
    with qtbot.waitSignal(app.controller.ready, timeout=5000):
        app.show()
    return app


@pytest.fixture
def app(qtbot, filled, settings, no_samples):  # type: ignore[no-untyped-def]
    a = make_app(qtbot, filled, settings)
    yield a
    a.controller.imports.shutdown()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Qt's offscreen platform cannot size native windows and says so at WARNING level
    # whenever a top-level window has size constraints; it is not a problem of ours.
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
            )
