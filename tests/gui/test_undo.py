"""One undo command for every change: named in the Edit menu, a batch as one step."""

from __future__ import annotations

import pytest

from reader.gui import i18n
from reader.gui.i18n import Translations
from reader.gui.undo import UndoCommand, named
from reader.store import edits
from reader.store.ids import ArticleId


@pytest.fixture
def translations(qapp):  # type: ignore[no-untyped-def]
    t = Translations(qapp)
    yield t
    t.apply("en")


def _open_first(app) -> ArticleId:  # type: ignore[no-untyped-def]
    aid = app.controller.lib.articles.ids()[0]
    app.controller.lib.select(aid)
    return ArticleId(int(aid))


def test_the_edit_menu_names_the_step_undo_and_redo_take(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    aid = _open_first(app)
    tags, actions = app.controller.annotations.tagging, app.window.actions_
    assert actions.undo.text() == "&Undo"
    tags.tag_article("生态")
    assert actions.undo.text() == "&Undo: Add tag 生态"
    tags.untag_article("生态")
    assert actions.undo.text() == "&Undo: Remove tag 生态"
    actions.undo.trigger()
    assert "生态" in app.library.get_article(aid).tags  # the tag is back
    assert actions.undo.text() == "&Undo: Add tag 生态"
    assert actions.redo.text() == "&Redo: Remove tag 生态"
    actions.undo.trigger()
    assert actions.undo.text() == "&Undo"


def test_every_kind_of_change_is_the_same_command(app) -> None:  # type: ignore[no-untyped-def]
    aid = _open_first(app)
    stack = app.controller.undo
    app.controller.annotations.tagging.tag_article("生态")
    app.controller.edits.mark_fragment()  # a parser fix: rows put back on undo
    kinds = {type(stack.command(i)) for i in range(stack.count())}
    assert kinds == {UndoCommand}
    assert app.library.get_article(aid).article.kind == "fragment"
    stack.undo()
    assert app.library.get_article(aid).article.kind == "article"
    assert "生态" in app.library.get_article(aid).tags
    stack.redo()
    assert app.library.get_article(aid).article.kind == "fragment"


def test_names_are_translated(translations) -> None:  # type: ignore[no-untyped-def]
    translations.apply("zh_CN")
    assert named(i18n.tr("Remove tag %1"), "生态") == "移除标签“生态”"
    assert named(i18n.tr("&Undo: %1"), "移除标签“生态”") == "撤销：移除标签“生态”(&U)"


def test_a_name_shows_control_characters_as_stand_ins() -> None:
    assert "\x1b" not in named("Remove tag %1", "生\x1b[31m态")


def test_the_core_edit_is_an_operation_too(app) -> None:  # type: ignore[no-untyped-def]
    aid = _open_first(app)
    done = app.library.run(edits.MarkFragment(aid))
    assert aid in done.changes.articles_rewritten  # the window shows just that article again
    app.library.run(done.inverse)
    assert app.library.get_article(aid).article.kind == "article"
