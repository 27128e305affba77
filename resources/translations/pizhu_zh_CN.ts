<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Highlights and notes for this article will appear here.</source>
        <translation>本文的划线和笔记会显示在这里。</translation>
    </message>
    <message>
        <source>Add a tag… (Ctrl+T)</source>
        <translation>添加标签… (Ctrl+T)</translation>
    </message>
    <message>
        <source>Add a tag to the article</source>
        <translation>给文章添加标签</translation>
    </message>
    <message>
        <source>Suggested:</source>
        <translation>推荐:</translation>
    </message>
    <message>
        <source>A note on this article…</source>
        <translation>写下对本文的笔记…</translation>
    </message>
    <message>
        <source>Article note</source>
        <translation>文章笔记</translation>
    </message>
    <message>
        <source>Note author</source>
        <translation>笔记作者</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Filter highlights by colour</source>
        <translation>按颜色筛选划线</translation>
    </message>
    <message>
        <source>Filter highlights by tag</source>
        <translation>按标签筛选划线</translation>
    </message>
    <message>
        <source>Filter highlights by author</source>
        <translation>按作者筛选划线</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>划线</translation>
    </message>
    <message>
        <source>Chosen highlight</source>
        <translation>所选划线</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the highlight (Del; undo with Ctrl+Z)</source>
        <translation>删除划线 (Del;Ctrl+Z 撤销)</translation>
    </message>
    <message>
        <source>Delete the highlight</source>
        <translation>删除划线</translation>
    </message>
    <message>
        <source>A note on this highlight…</source>
        <translation>写下对这条划线的笔记…</translation>
    </message>
    <message>
        <source>Highlight note</source>
        <translation>划线笔记</translation>
    </message>
    <message>
        <source>Tag this highlight…</source>
        <translation>给这条划线加标签…</translation>
    </message>
    <message>
        <source>Add a tag to the highlight</source>
        <translation>给划线添加标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Starts mid-sentence: the beginning is missing from the page.</source>
        <translation>从句子中间开始:开头不在本版上。</translation>
    </message>
    <message>
        <source>Breaks off mid-sentence: the rest is missing from the page.</source>
        <translation>在句子中间中断:后文不在本版上。</translation>
    </message>
    <message>
        <source>Joined across a column or page break.</source>
        <translation>已跨栏或跨版拼接。</translation>
    </message>
    <message>
        <source>Moved back to this article from elsewhere on the page.</source>
        <translation>已从本版其他位置移回本文。</translation>
    </message>
    <message>
        <source>May belong to another article on the page.</source>
        <translation>可能属于本版另一篇文章。</translation>
    </message>
    <message>
        <source>Untitled fragment</source>
        <translation>无标题片段</translation>
    </message>
    <message>
        <source>By %1</source>
        <translation>记者 %1</translation>
    </message>
    <message>
        <source>Photos: %1</source>
        <translation>摄影 %1</translation>
    </message>
    <message>
        <source>Continued from %1</source>
        <translation>上接%1</translation>
    </message>
    <message>
        <source>A fragment: text from a story whose title is on another page.</source>
        <translation>片段:所属文章的标题在其他版面。</translation>
    </message>
    <message>
        <source>Continued on %1</source>
        <translation>下转%1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>文库还是空的</translation>
    </message>
    <message>
        <source>Pizhu reads the text files a PDF converter makes from newspaper pages. Import your own pages, or start with a few sample pages to see how it works.</source>
        <translation>批注读取由 PDF 转换工具从报纸版面生成的文本文件。导入你自己的版面,或先载入几个示例版面看看效果。</translation>
    </message>
    <message>
        <source>Load the sample pages</source>
        <translation>载入示例版面</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>You can also drop files or folders on this window.</source>
        <translation>也可以把文件或文件夹拖到本窗口。</translation>
    </message>
    <message>
        <source>Import page files</source>
        <translation>导入版面文件</translation>
    </message>
    <message>
        <source>Page dumps (*.txt *.md);;All files (*)</source>
        <translation>版面文本 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a folder of pages</source>
        <translation>导入版面文件夹</translation>
    </message>
    <message>
        <source>Cancelling once the files being stored are in…</source>
        <translation>正在存入的文件存好后取消…</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>第 %1 个,共 %2 个:%3</translation>
    </message>
    <message>
        <source>Imported %1 files (%2 articles); %3 skipped, %4 failed.</source>
        <translation>已导入 %1 个文件(%2 篇文章);跳过 %3 个,失败 %4 个。</translation>
    </message>
    <message>
        <source>Import cancelled: the files imported before stay in the library.</source>
        <translation>导入已取消:之前导入的文件仍保留在文库中。</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>Files not imported</source>
        <translation>未导入的文件</translation>
    </message>
    <message>
        <source>The current article</source>
        <translation>当前文章</translation>
    </message>
    <message>
        <source>Articles with the tag</source>
        <translation>带有标签的文章</translation>
    </message>
    <message>
        <source>Annotated on or after</source>
        <translation>此日期起有批注的文章</translation>
    </message>
    <message>
        <source>Every annotated article</source>
        <translation>所有有批注的文章</translation>
    </message>
    <message>
        <source>Every article in the library</source>
        <translation>文库中的全部文章</translation>
    </message>
    <message>
        <source>Current article</source>
        <translation>当前文章</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>导出批注</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Markdown, one file per article, into a folder</source>
        <translation>Markdown,每篇文章一个文件,存入文件夹</translation>
    </message>
    <message>
        <source>Markdown, one file</source>
        <translation>Markdown,单个文件</translation>
    </message>
    <message>
        <source>JSON (W3C Web Annotation)</source>
        <translation>JSON (W3C Web Annotation)</translation>
    </message>
    <message>
        <source>Overwrite files I changed since the last export</source>
        <translation>覆盖上次导出后我改动过的文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到:</translation>
    </message>
    <message>
        <source>Share annotations</source>
        <translation>分享批注</translation>
    </message>
    <message>
        <source>A share file holds the chosen articles&apos; text with their highlights, notes and tags. Someone else can merge it into their library.</source>
        <translation>分享文件包含所选文章的正文及其划线、笔记和标签,别人可以把它合并进自己的文库。</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>分享</translation>
    </message>
    <message>
        <source>No articles match: nothing was exported.</source>
        <translation>没有符合条件的文章,未导出任何内容。</translation>
    </message>
    <message>
        <source>Exported %1 articles (%2 highlights): %3 files written, %4 unchanged, %5 kept because you edited them.</source>
        <translation>已导出 %1 篇文章(%2 条划线):写入 %3 个文件,%4 个未变,%5 个因你改动过而保留。</translation>
    </message>
    <message>
        <source>Export cancelled: the files written before stay.</source>
        <translation>导出已取消:已写入的文件保留。</translation>
    </message>
    <message>
        <source>Tick “Overwrite files I changed” to replace them.</source>
        <translation>勾选“覆盖我改动过的文件”即可替换它们。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Exported files</source>
        <translation>导出的文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>kept (you edited it)</source>
        <translation>保留(你改动过)</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Wrote %1: %2 articles, %3 highlights (%4 deletions), %5 notes, %6 tags.</source>
        <translation>已写入 %1:%2 篇文章,%3 条划线(%4 条删除记录),%5 条笔记,%6 个标签。</translation>
    </message>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>highlight</source>
        <translation>划线</translation>
    </message>
    <message>
        <source>note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>re-anchored</source>
        <translation>重新定位</translation>
    </message>
    <message>
        <source>orphaned</source>
        <translation>未能定位</translation>
    </message>
    <message>
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <source>%1 — shared by %2</source>
        <translation>%1 — 分享者:%2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Nothing to merge: your library already has everything in this file.</source>
        <translation>无需合并:你的文库已包含此文件中的全部内容。</translation>
    </message>
    <message>
        <source>This is what merging would change. Your library is backed up before the merge.</source>
        <translation>以下是合并将带来的变化。合并前会先备份你的文库。</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Merge items</source>
        <translation>合并条目</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Merged %1.</source>
        <translation>已合并 %1。</translation>
    </message>
    <message>
        <source>Your library was backed up first to %1.</source>
        <translation>合并前已将文库备份为 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n highlights could not be placed in your text; see View → Unplaced highlights.</source>
        <translation>
            <numerusform>有 %n 条划线无法在你的正文中定位;见“视图 → 未能定位的划线”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n split fixes taken.</source>
        <translation>
            <numerusform>已采用 %n 处拆分修正。</numerusform>
        </translation>
    </message>
    <message>
        <source>Unplaced highlights</source>
        <translation>未能定位的划线</translation>
    </message>
    <message>
        <source>Every highlight has its place in the text.</source>
        <translation>所有划线都已在正文中定位。</translation>
    </message>
    <message>
        <source>These highlights came with a merge, but their quotes are not in your copy of the article. They are kept, exported and shared; a later merge places them when it can. Double-click one to open its article.</source>
        <translation>这些划线来自合并,但你的文章副本中找不到它们引用的文字。它们会被保留、导出和分享;以后的合并能定位时会放回原处。双击一条即可打开其文章。</translation>
    </message>
    <message>
        <source>In “%1”.</source>
        <translation>在“%1”中。</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Highlights (%1)</source>
        <translation>划线 (%1)</translation>
    </message>
    <message>
        <source>No highlights yet</source>
        <translation>还没有划线</translation>
    </message>
    <message>
        <source>Rename a colour</source>
        <translation>重命名颜色</translation>
    </message>
    <message>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>全部作者</translation>
    </message>
    <message>
        <source>Select some of the article&apos;s text first.</source>
        <translation>请先选中文章中的一段文字。</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>划线</translation>
    </message>
    <message>
        <source>Highlight: %1</source>
        <translation>划线:%1</translation>
    </message>
    <message>
        <source>Delete highlight</source>
        <translation>删除划线</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>标签:%1</translation>
    </message>
    <message>
        <source>Only highlights tagged %1 or a tag under it; click to show all</source>
        <translation>只显示带有标签 %1 或其子标签的划线;点击显示全部</translation>
    </message>
    <message>
        <source>Clear the tag filter %1</source>
        <translation>清除标签筛选 %1</translation>
    </message>
    <message>
        <source>Highlight with note…</source>
        <translation>划线并写笔记…</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
    <message>
        <source>Edit the article note</source>
        <translation>编辑文章笔记</translation>
    </message>
    <message>
        <source>Edit the highlight note</source>
        <translation>编辑划线笔记</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>作者：%1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>%1 篇文章</translation>
    </message>
    <message>
        <source>%1 of %2 articles</source>
        <translation>%1 / %2 篇文章</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <source>Search the library (Ctrl+K)</source>
        <translation>搜索文库 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>搜索文库</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>按类型筛选</translation>
    </message>
    <message>
        <source>Filter by author</source>
        <translation>按作者筛选</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>清除所有筛选</translation>
    </message>
    <message>
        <source>Show all articles</source>
        <translation>显示全部文章</translation>
    </message>
    <message>
        <source>Papers by date and page</source>
        <translation>按日期和版面浏览报纸</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Article count</source>
        <translation>文章数</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Number of search results</source>
        <translation>搜索结果数</translation>
    </message>
    <message>
        <source>Import &amp;files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Import a f&amp;older…</source>
        <translation>导入文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Load the &amp;sample pages</source>
        <translation>载入示例版面(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>S&amp;hare…</source>
        <translation>分享(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Merge a share file…</source>
        <translation>合并分享文件(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Unplaced highlights</source>
        <translation>未能定位的划线(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Check the split…</source>
        <translation>核对拆分(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find in article</source>
        <translation>在文中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search the library</source>
        <translation>搜索文库(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge with the next article</source>
        <translation>与下一篇合并(&amp;M)</translation>
    </message>
    <message>
        <source>S&amp;plit the article at this paragraph</source>
        <translation>从此段拆分文章(&amp;P)</translation>
    </message>
    <message>
        <source>Mo&amp;ve this section to another article…</source>
        <translation>将本节移到另一篇文章(&amp;V)…</translation>
    </message>
    <message>
        <source>Mark as a &amp;fragment</source>
        <translation>标记为片段(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Highlight the selection</source>
        <translation>划线标注所选文字(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight and add a &amp;note</source>
        <translation>划线并写笔记(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Tag the article…</source>
        <translation>给文章加标签(&amp;T)…</translation>
    </message>
    <message>
        <source>Manage ta&amp;gs…</source>
        <translation>管理标签(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>下一篇(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;revious article</source>
        <translation>上一篇(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Library pane</source>
        <translation>文库面板(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Annotation pane</source>
        <translation>批注面板(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>原始大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Pizhu</source>
        <translation>关于批注(&amp;A)</translation>
    </message>
    <message>
        <source>Export into a folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>导出为 JSON</translation>
    </message>
    <message>
        <source>JSON-LD (*.jsonld *.json)</source>
        <translation>JSON-LD (*.jsonld *.json)</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>导出为 Markdown</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Share file</source>
        <translation>分享文件</translation>
    </message>
    <message>
        <source>Pizhu share files (*.sqlite)</source>
        <translation>批注分享文件 (*.sqlite)</translation>
    </message>
    <message>
        <source>Merge a share file</source>
        <translation>合并分享文件</translation>
    </message>
    <message>
        <source>Pizhu share files (*.sqlite);;All files (*)</source>
        <translation>批注分享文件 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unplaced highlights in this article</source>
        <translation>本文中未能定位的划线</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>正在分享</translation>
    </message>
    <message>
        <source>Share file written</source>
        <translation>分享文件已写入</translation>
    </message>
    <message>
        <source>Checking the share file</source>
        <translation>正在检查分享文件</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>正在合并</translation>
    </message>
    <message>
        <source>Merging %1 into your library…</source>
        <translation>正在把 %1 合并进你的文库…</translation>
    </message>
    <message>
        <source>Merge finished</source>
        <translation>合并完成</translation>
    </message>
    <message numerus="yes">
        <source>%n highlights of this article could not be placed in its text.</source>
        <translation>
            <numerusform>本文有 %n 条划线无法在正文中定位。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unplaced highlights</source>
        <translation>
            <numerusform>%n 条未能定位的划线</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the highlights that could not be placed</source>
        <translation>显示未能定位的划线</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Pizhu</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Photo story</source>
        <translation>图片报道</translation>
    </message>
    <message>
        <source>Fragment</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第%1版</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(无标题)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>to take</source>
        <translation>待采用</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>已采用</translation>
    </message>
    <message>
        <source>kept with the page the merge adds</source>
        <translation>随合并新增的版面保存</translation>
    </message>
    <message>
        <source>kept with the added page</source>
        <translation>已随新增版面保存</translation>
    </message>
    <message>
        <source>you have the same</source>
        <translation>你已有相同的</translation>
    </message>
    <message>
        <source>your later answer is kept</source>
        <translation>保留你较晚的选择</translation>
    </message>
    <message>
        <source>does not fit your articles</source>
        <translation>与你的文章不符</translation>
    </message>
    <message numerus="yes">
        <source>Also take the sender&apos;s %n split fixes (cut the pages as they did)</source>
        <translation>
            <numerusform>同时采用分享者的 %n 处拆分修正(按对方的方式拆分版面)</numerusform>
        </translation>
    </message>
    <message>
        <source>Split fixes: nothing to take</source>
        <translation>拆分修正:没有需要采用的</translation>
    </message>
    <message>
        <source>Cut the shared pages into articles as the sender did, so your highlights and theirs sit on the same articles</source>
        <translation>按分享者的方式把这些版面拆成文章,让你和对方的划线落在同样的文章上</translation>
    </message>
    <message>
        <source>The counts above are without the split fixes.</source>
        <translation>以上数量未计入拆分修正。</translation>
    </message>
    <message>
        <source>Split fixes</source>
        <translation>拆分修正</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Split fix</source>
        <translation>拆分修正</translation>
    </message>
    <message>
        <source>By</source>
        <translation>修正者</translation>
    </message>
    <message>
        <source>%1: %2 instead of %3</source>
        <translation>%1:%2,而非%3</translation>
    </message>
    <message>
        <source>%1: %2 (accepted)</source>
        <translation>%1:%2(已确认)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Undated pages</source>
        <translation>日期不详的版面</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Stamped on every highlight and note; empty: the account&apos;s name</source>
        <translation>记在每条划线和笔记上;留空则用系统账户名</translation>
    </message>
    <message>
        <source>Set by the PIZHU_AUTHOR environment variable</source>
        <translation>由环境变量 PIZHU_AUTHOR 设定</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Reading font</source>
        <translation>阅读字体</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Line height</source>
        <translation>行高</translation>
    </message>
    <message>
        <source>Column width</source>
        <translation>栏宽</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Author name</source>
        <translation>作者名</translation>
    </message>
    <message>
        <source>Meaning of the colour %1</source>
        <translation>颜色 %1 的含义</translation>
    </message>
    <message>
        <source>A new language applies to menus and dialogs at once.</source>
        <translation>新语言会立即应用到菜单和对话框。</translation>
    </message>
    <message>
        <source>Highlight colour: its meaning</source>
        <translation>划线颜色:它的含义</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个,共 %2 个</translation>
    </message>
    <message>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <source>Find in article</source>
        <translation>在文中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配 (Shift+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配 (F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Reading pane</source>
        <translation>阅读区</translation>
    </message>
    <message>
        <source>show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Check how this page was split into articles</source>
        <translation>核对本版是如何拆分成文章的</translation>
    </message>
    <message>
        <source>Choose an article to read.</source>
        <translation>请选择一篇文章阅读。</translation>
    </message>
    <message numerus="yes">
        <source>%n highlights could not be placed —</source>
        <translation>
            <numerusform>有 %n 条划线无法定位 —</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The split of this page has %n doubtful decisions —</source>
        <translation>
            <numerusform>本版的拆分有 %n 处存疑 —</numerusform>
        </translation>
    </message>
    <message>
        <source>No articles match.</source>
        <translation>没有匹配的文章。</translation>
    </message>
    <message numerus="yes">
        <source>%n matching articles</source>
        <translation>
            <numerusform>%n 篇匹配的文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the chosen highlight (in the highlight list)</source>
        <translation>删除所选划线(在划线列表中)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>About Pizhu</source>
        <translation>关于批注</translation>
    </message>
    <message>
        <source>Pizhu (批注) %1
A reader for annotating local Chinese news.</source>
        <translation>批注 (Pizhu) %1
为本地中文新闻做批注的阅读器。</translation>
    </message>
    <message>
        <source>Merge with the next article</source>
        <translation>与下一篇合并</translation>
    </message>
    <message>
        <source>Put the cursor in a paragraph first.</source>
        <translation>请先把光标放在某一段中。</translation>
    </message>
    <message>
        <source>Split the article here</source>
        <translation>在此拆分文章</translation>
    </message>
    <message>
        <source>Mark as fragment</source>
        <translation>标记为片段</translation>
    </message>
    <message>
        <source>Put the cursor in a section heading first.</source>
        <translation>请先把光标放在小节标题中。</translation>
    </message>
    <message>
        <source>Move section to…</source>
        <translation>移动小节到…</translation>
    </message>
    <message>
        <source>Move this section to which article?</source>
        <translation>将本节移到哪篇文章?</translation>
    </message>
    <message>
        <source>Move section</source>
        <translation>移动小节</translation>
    </message>
    <message>
        <source>Remove the tag %1</source>
        <translation>移除标签 %1</translation>
    </message>
    <message>
        <source>Add the tag %1</source>
        <translation>添加标签 %1</translation>
    </message>
    <message>
        <source>%1 (H)</source>
        <translation>%1 (H)</translation>
    </message>
    <message>
        <source>Highlight the selection</source>
        <translation>划线标注所选文字</translation>
    </message>
    <message>
        <source>Highlight and write a note (N)</source>
        <translation>划线并写笔记 (N)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Highlight and tag it</source>
        <translation>划线并加标签</translation>
    </message>
    <message>
        <source>(no author)</source>
        <translation>(无作者)</translation>
    </message>
    <message>
        <source>Keyword of the article</source>
        <translation>文章关键词</translation>
    </message>
    <message>
        <source>Place named in the article</source>
        <translation>文中提到的地点</translation>
    </message>
    <message>
        <source>Person named in the article</source>
        <translation>文中提到的人物</translation>
    </message>
    <message>
        <source>Organisation named in the article</source>
        <translation>文中提到的机构</translation>
    </message>
    <message>
        <source>Tag manager</source>
        <translation>标签管理</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>重命名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Merge into…</source>
        <translation>合并到(&amp;M)…</translation>
    </message>
    <message>
        <source>Move &amp;under…</source>
        <translation>移到…之下(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>颜色(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the tag (undo with Ctrl+Z)</source>
        <translation>删除标签 (Ctrl+Z 撤销)</translation>
    </message>
    <message>
        <source>Merge tags</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Change the tag colour</source>
        <translation>更改标签颜色</translation>
    </message>
    <message>
        <source>Move tag</source>
        <translation>移动标签</translation>
    </message>
    <message>
        <source>Merge this tag into which tag?</source>
        <translation>把这个标签合并到哪个标签?</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(顶层)</translation>
    </message>
    <message>
        <source>Put this tag under which tag?</source>
        <translation>把这个标签放到哪个标签之下?</translation>
    </message>
    <message>
        <source>Broken paragraph</source>
        <translation>断开的段落</translation>
    </message>
    <message>
        <source>Heading line</source>
        <translation>标题行</translation>
    </message>
    <message>
        <source>Interleaved section</source>
        <translation>穿插的小节</translation>
    </message>
    <message>
        <source>Stray paragraphs</source>
        <translation>游离段落</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>已拼接</translation>
    </message>
    <message>
        <source>kept apart</source>
        <translation>保持分开</translation>
    </message>
    <message>
        <source>an article title</source>
        <translation>文章标题</translation>
    </message>
    <message>
        <source>a kicker</source>
        <translation>引题/栏目</translation>
    </message>
    <message>
        <source>a section heading</source>
        <translation>小节标题</translation>
    </message>
    <message>
        <source>moved back to its story</source>
        <translation>移回所属文章</translation>
    </message>
    <message>
        <source>kept where printed</source>
        <translation>留在原处</translation>
    </message>
    <message>
        <source>a fragment of its own</source>
        <translation>独立片段</translation>
    </message>
    <message>
        <source>part of the story around it</source>
        <translation>属于所在文章</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>byline</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>kicker</source>
        <translation>引题/栏目</translation>
    </message>
    <message>
        <source>continuation marker</source>
        <translation>转版标记</translation>
    </message>
    <message>
        <source>photo credit</source>
        <translation>摄影署名</translation>
    </message>
    <message>
        <source>duplicate, dropped</source>
        <translation>重复,已舍去</translation>
    </message>
    <message>
        <source>markup</source>
        <translation>标记符号</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>请先打开一篇文章。</translation>
    </message>
    <message>
        <source>Check the split — %1</source>
        <translation>核对拆分 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n doubtful decisions to check</source>
        <translation>
            <numerusform>有 %n 处存疑待核对</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing doubtful left on this page.</source>
        <translation>本版已没有存疑之处。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>(or %1)</source>
        <translation>(或:%1)</translation>
    </message>
    <message>
        <source>(changed by you)</source>
        <translation>(已由你改动)</translation>
    </message>
    <message>
        <source>(accepted)</source>
        <translation>(已确认)</translation>
    </message>
    <message>
        <source>Make it %1</source>
        <translation>改为%1</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Accept the split decision</source>
        <translation>确认拆分判断</translation>
    </message>
    <message>
        <source>Change the split decision</source>
        <translation>改变拆分判断</translation>
    </message>
    <message>
        <source>Check the split</source>
        <translation>核对拆分</translation>
    </message>
    <message>
        <source>Page text</source>
        <translation>版面原文</translation>
    </message>
    <message>
        <source>Articles made from the page</source>
        <translation>由本版拆出的文章</translation>
    </message>
    <message>
        <source>An article&apos;s text (one colour per article)</source>
        <translation>文章正文(每篇文章一种颜色)</translation>
    </message>
    <message>
        <source>Used as title, byline, marker… or dropped as a duplicate</source>
        <translation>用作标题、署名、标记…或作为重复内容舍去</translation>
    </message>
    <message>
        <source>Underlined in red: a doubtful decision</source>
        <translation>红色波浪线:存疑的判断</translation>
    </message>
    <message>
        <source>The parser&apos;s decisions</source>
        <translation>解析器的判断</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判断</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>把握</translation>
    </message>
    <message>
        <source>The parser recorded no decisions for this page.</source>
        <translation>解析器没有为本版记录任何判断。</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>判断</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>The library is backed up once a day and before merges; older backups are deleted</source>
        <translation>文库每天以及每次合并前自动备份;更早的备份会被删除</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>保留的备份数</translation>
    </message>
    <message>
        <source>Restored %1; the library as it was is in %2</source>
        <translation>已恢复 %1;恢复前的文库保存在 %2</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the library with one of its backups. The library as it is now is backed up first, so a restore can itself be undone from this list.</source>
        <translation>用一个备份替换文库。恢复前会先备份当前文库,所以恢复本身也可以从这个列表撤销。</translation>
    </message>
    <message>
        <source>This library has no backups yet.</source>
        <translation>这个文库还没有备份。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>not applied</source>
        <translation>未应用</translation>
    </message>
    <message>
        <source>%1 is not the author (%2 is): only the author&apos;s edits are merged</source>
        <translation>%1 不是作者(作者是 %2):只合并作者本人的修改</translation>
    </message>
    <message numerus="yes">
        <source>%n more items are counted but not listed.</source>
        <translation>
            <numerusform>另有 %n 项已计数但未列出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edits were not applied: their author is not the annotation&apos;s.</source>
        <translation>
            <numerusform>有 %n 处修改未应用:修改者不是该批注的作者。</numerusform>
        </translation>
    </message>
    <message>
        <source>Word clipping report (.docx)</source>
        <translation>Word 剪报(.docx)</translation>
    </message>
    <message>
        <source>Export to &amp;Word…</source>
        <translation>导出为 &amp;Word…</translation>
    </message>
    <message>
        <source>Export the article as P&amp;DF…</source>
        <translation>将文章导出为 P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Print the article…</source>
        <translation>打印文章(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Notebook</source>
        <translation>笔记本(&amp;N)</translation>
    </message>
    <message>
        <source>Copy as &amp;citation</source>
        <translation>复制为引文(&amp;C)</translation>
    </message>
    <message>
        <source>Export to Word</source>
        <translation>导出为 Word</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Clipping report</source>
        <translation>剪报</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Highlights not found in this text</source>
        <translation>在本文中找不到的高亮</translation>
    </message>
    <message>
        <source>{articles} articles, {highlights} highlights</source>
        <translation>{articles} 篇文章,{highlights} 条高亮</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已复制:%1</translation>
    </message>
    <message>
        <source>Highlights and notes</source>
        <translation>高亮与批注</translation>
    </message>
    <message>
        <source>Export the article as PDF</source>
        <translation>将文章导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Print the article</source>
        <translation>打印文章</translation>
    </message>
    <message>
        <source>Notebook</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <source>Find in quotes and notes</source>
        <translation>在摘录和批注中查找</translation>
    </message>
    <message>
        <source>Made on or after</source>
        <translation>不早于此日创建</translation>
    </message>
    <message>
        <source>Made on or before</source>
        <translation>不晚于此日创建</translation>
    </message>
    <message>
        <source>This &amp;article only</source>
        <translation>仅本文(&amp;A)</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>&amp;Open in article</source>
        <translation>在文章中打开(&amp;O)</translation>
    </message>
    <message>
        <source>Add &amp;tag…</source>
        <translation>添加标签(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Remove tag…</source>
        <translation>移除标签(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>颜色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export selection…</source>
        <translation>导出所选(&amp;E)…</translation>
    </message>
    <message>
        <source>Any colour</source>
        <translation>任意颜色</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message numerus="yes">
        <source>%n highlights</source>
        <translation>
            <numerusform>%n 条高亮</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article notes</source>
        <translation>
            <numerusform>%n 条文章批注</numerusform>
        </translation>
    </message>
    <message>
        <source>Tag highlights</source>
        <translation>为高亮加标签</translation>
    </message>
    <message>
        <source>Remove tag from highlights</source>
        <translation>从高亮移除标签</translation>
    </message>
    <message>
        <source>Delete highlights</source>
        <translation>删除高亮</translation>
    </message>
    <message>
        <source>Exported %1 highlights to %2</source>
        <translation>已将 %1 条高亮导出到 %2</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Tag the selected highlights with:</source>
        <translation>为所选高亮添加标签:</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Remove this tag:</source>
        <translation>移除此标签:</translation>
    </message>
    <message>
        <source>Export selection</source>
        <translation>导出所选</translation>
    </message>
    <message>
        <source>Article notes</source>
        <translation>文章批注</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>(无标签)</translation>
    </message>
    <message>
        <source>Page date</source>
        <translation>版面日期</translation>
    </message>
    <message>
        <source>(article note)</source>
        <translation>(文章批注)</translation>
    </message>
    <message>
        <source>&amp;Metadata…</source>
        <translation>元数据(&amp;M)…</translation>
    </message>
    <message>
        <source>Move to the tr&amp;ash</source>
        <translation>移到回收站(&amp;A)</translation>
    </message>
    <message>
        <source>T&amp;rash…</source>
        <translation>回收站(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Go to date…</source>
        <translation>转到日期(&amp;G)…</translation>
    </message>
    <message>
        <source>Next pa&amp;ge of the issue</source>
        <translation>本期下一版(&amp;G)</translation>
    </message>
    <message>
        <source>Previous page of the iss&amp;ue</source>
        <translation>本期上一版(&amp;U)</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>Move to the trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Edit metadata</source>
        <translation>编辑元数据</translation>
    </message>
    <message>
        <source>Pages without a date</source>
        <translation>没有日期的版面</translation>
    </message>
    <message>
        <source>The names of %1 imported pages do not tell their date. Which issue are they from?</source>
        <translation>导入的 %1 个版面的文件名没有写明日期。它们属于哪一期?</translation>
    </message>
    <message>
        <source>Delete articles</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <source>Delete pages</source>
        <translation>删除版面</translation>
    </message>
    <message>
        <source>Restore from the trash</source>
        <translation>从回收站还原</translation>
    </message>
    <message>
        <source>Empty the trash</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <source>Remove everything in the trash for good? This cannot be undone.</source>
        <translation>永久删除回收站里的全部内容?此操作无法撤销。</translation>
    </message>
    <message>
        <source>Remove for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <source>No next page in this issue</source>
        <translation>本期没有下一版</translation>
    </message>
    <message>
        <source>No previous page in this issue</source>
        <translation>本期没有上一版</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>转到日期</translation>
    </message>
    <message>
        <source>No issue on %1</source>
        <translation>%1 没有报纸</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>加标签…</translation>
    </message>
    <message>
        <source>Metadata…</source>
        <translation>元数据…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Show the page</source>
        <translation>显示所在版面</translation>
    </message>
    <message>
        <source>Library order (date, page)</source>
        <translation>文库顺序(日期、版次)</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>%1 articles on %2 pages. Fields left empty where they differ are kept.</source>
        <translation>%2 个版面上的 %1 篇文章。各项不同而留空的字段保持不变。</translation>
    </message>
    <message>
        <source>%1 pages. Fields left empty where they differ are kept.</source>
        <translation>%1 个版面。各项不同而留空的字段保持不变。</translation>
    </message>
    <message>
        <source>(several values)</source>
        <translation>(多个值)</translation>
    </message>
    <message>
        <source>(keep)</source>
        <translation>(不变)</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>names separated by commas</source>
        <translation>多个名字用逗号分隔</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>出版日期</translation>
    </message>
    <message>
        <source>Page number (版次)</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>3 or A3</source>
        <translation>如 3 或 A3</translation>
    </message>
    <message>
        <source>Page name (版名)</source>
        <translation>版名</translation>
    </message>
    <message>
        <source>“%1” is not a date (YYYY-MM-DD).</source>
        <translation>“%1”不是日期(YYYY-MM-DD)。</translation>
    </message>
    <message>
        <source>“%1” is not a page number (3 or A3).</source>
        <translation>“%1”不是版次(如 3 或 A3)。</translation>
    </message>
    <message numerus="yes">
        <source>%n articles</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown paper</source>
        <translation>未知报纸</translation>
    </message>
    <message>
        <source>Read the whole story</source>
        <translation>阅读全文</translation>
    </message>
    <message>
        <source>All parts of this story, one after the other</source>
        <translation>依次显示这篇报道的所有部分</translation>
    </message>
    <message>
        <source>← continued from page %1</source>
        <translation>← 上接第 %1 版</translation>
    </message>
    <message>
        <source>continued on page %1 →</source>
        <translation>下转第 %1 版 →</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Deleted articles and pages</source>
        <translation>已删除的文章和版面</translation>
    </message>
    <message>
        <source>Title or page</source>
        <translation>标题或版面</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>Put the chosen items back in the library</source>
        <translation>把选中的项目放回文库</translation>
    </message>
    <message>
        <source>&amp;Empty the trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <source>Remove everything in the trash for good</source>
        <translation>永久删除回收站里的全部内容</translation>
    </message>
    <message>
        <source>(%1 articles)</source>
        <translation>(%1 篇文章)</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>Deleted articles and pages keep their annotations until the trash is emptied.</source>
        <translation>已删除的文章和版面在清空回收站之前保留它们的批注。</translation>
    </message>
    <message>
        <source>Sort search results</source>
        <translation>搜索结果排序</translation>
    </message>
    <message>
        <source>Best first</source>
        <translation>最相关</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message numerus="yes">
        <source>search index incomplete: %n articles not yet indexed</source>
        <translation>
            <numerusform>搜索索引尚未完成:还有 %n 篇文章未编入索引</numerusform>
        </translation>
    </message>
    <message>
        <source>Indexing for search: %1 of %2 articles</source>
        <translation>正在编制搜索索引:%1 / %2 篇文章</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>人名地名</translation>
    </message>
    <message>
        <source>S&amp;tatistics…</source>
        <translation>统计(&amp;T)…</translation>
    </message>
    <message>
        <source>Export as a REFI-QDA &amp;project…</source>
        <translation>导出为 REFI-QDA 项目(&amp;P)…</translation>
    </message>
    <message>
        <source>REFI-QDA project (*.qdpx)</source>
        <translation>REFI-QDA 项目 (*.qdpx)</translation>
    </message>
    <message>
        <source>REFI-QDA codebook (*.qdc)</source>
        <translation>REFI-QDA 编码本 (*.qdc)</translation>
    </message>
    <message>
        <source>Export as a REFI-QDA project</source>
        <translation>导出为 REFI-QDA 项目</translation>
    </message>
    <message>
        <source>Codebook written to {path}</source>
        <translation>编码本已写入 {path}</translation>
    </message>
    <message>
        <source>{articles} articles with {highlights} highlights written to {path}</source>
        <translation>{articles} 篇文章、{highlights} 处划线已写入 {path}</translation>
    </message>
    <message>
        <source>Related stories</source>
        <translation>相关报道</translation>
    </message>
    <message>
        <source>Not analysed yet: open View → Statistics once.</source>
        <translation>尚未分析:请先打开一次“视图 → 统计”。</translation>
    </message>
    <message>
        <source>No similar stories in the library.</source>
        <translation>库中没有相似的报道。</translation>
    </message>
    <message>
        <source> (reprint)</source>
        <translation>(转载)</translation>
    </message>
    <message>
        <source>Finding people, places and related stories…</source>
        <translation>正在查找人物、地点和相关报道…</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Any author</source>
        <translation>任意作者</translation>
    </message>
    <message>
        <source>all articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <source>% of the period&apos;s articles</source>
        <translation>占该时段文章的百分比</translation>
    </message>
    <message>
        <source>{matched} of {total} dated articles, {highlights} highlights</source>
        <translation>{total} 篇有日期的文章中 {matched} 篇,{highlights} 处划线</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Save the chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>Save the numbers</source>
        <translation>保存数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>All names</source>
        <translation>全部名称</translation>
    </message>
    <message>
        <source>Authors compared: {names}</source>
        <translation>比较的作者:{names}</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>{coded} but not {not_coded}</source>
        <translation>{coded} 标了,{not_coded} 没标</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Person, place or organisation</source>
        <translation>人物、地点或机构</translation>
    </message>
    <message>
        <source>Any search term</source>
        <translation>任意搜索词</translation>
    </message>
    <message>
        <source>Show as share of the period&apos;s articles</source>
        <translation>显示为占该时段文章的比例</translation>
    </message>
    <message>
        <source>Count by</source>
        <translation>统计单位</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Save as &amp;PNG…</source>
        <translation>保存为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Save as S&amp;VG…</source>
        <translation>保存为 S&amp;VG…</translation>
    </message>
    <message>
        <source>Save numbers as &amp;CSV…</source>
        <translation>数据保存为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Articles carrying both tags</source>
        <translation>同时带有两个标签的文章</translation>
    </message>
    <message>
        <source>Highlights carrying both tags</source>
        <translation>同时带有两个标签的划线</translation>
    </message>
    <message>
        <source>Tag co-occurrence</source>
        <translation>标签共现</translation>
    </message>
    <message>
        <source>Double-click a cell to list its articles.</source>
        <translation>双击单元格列出相应文章。</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及次数</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>People, places and organisations</source>
        <translation>人物、地点和机构</translation>
    </message>
    <message>
        <source>Double-click a name to see its timeline.</source>
        <translation>双击名称查看其时间线。</translation>
    </message>
    <message>
        <source>Name, e.g. 呼市</source>
        <translation>名称,如 呼市</translation>
    </message>
    <message>
        <source>Stands for (optional), e.g. 呼和浩特</source>
        <translation>指代(可选),如 呼和浩特</translation>
    </message>
    <message>
        <source>&amp;Add local name</source>
        <translation>添加本地名称(&amp;A)</translation>
    </message>
    <message>
        <source>Local names</source>
        <translation>本地名称</translation>
    </message>
    <message>
        <source>&amp;Remove local name</source>
        <translation>删除本地名称(&amp;R)</translation>
    </message>
    <message>
        <source>Local names and aliases</source>
        <translation>本地名称和别名</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen κ</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s α</source>
        <translation>Krippendorff α</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>分歧</translation>
    </message>
    <message>
        <source>Choose a row to list where the authors disagree; double-click to open.</source>
        <translation>选择一行以列出作者之间的分歧;双击打开文章。</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>随时间变化</translation>
    </message>
    <message>
        <source>Tags together</source>
        <translation>标签共现</translation>
    </message>
    <message>
        <source>People and places</source>
        <translation>人物与地点</translation>
    </message>
    <message>
        <source>No dated articles yet: import pages whose names or text give their date.</source>
        <translation>还没有带日期的文章：请导入文件名或正文中写有日期的版面。</translation>
    </message>
    <message>
        <source>No tags yet: tag articles or highlights to see which tags go together.</source>
        <translation>还没有标签：给文章或划线加上标签后，可在此查看哪些标签一同出现。</translation>
    </message>
    <message>
        <source>No people, places or organisations found yet.</source>
        <translation>还没有找到人物、地点或机构。</translation>
    </message>
    <message>
        <source>Agreement needs tags from at least two authors on the same articles: merge your colleagues&apos; share files first.</source>
        <translation>一致性需要至少两位作者对同一批文章的标注：请先合并同事的共享文件。</translation>
    </message>
    <message>
        <source>No person, place or organisation named “{name}”.</source>
        <translation>没有名为“{name}”的人物、地点或机构。</translation>
    </message>
    <message>
        <source>Nothing to count in “{term}”: it has no letters or digits.</source>
        <translation>“{term}”中没有可统计的内容：它不含文字或数字。</translation>
    </message>
    <message>
        <source>Next doubtful decision (in Check the split)</source>
        <translation>下一处存疑判断(核对拆分窗口中)</translation>
    </message>
    <message>
        <source>Previous doubtful decision (in Check the split)</source>
        <translation>上一处存疑判断(核对拆分窗口中)</translation>
    </message>
    <message>
        <source>Keep the current decision (in Check the split)</source>
        <translation>保持当前判断(核对拆分窗口中)</translation>
    </message>
    <message>
        <source>Take the other choice of the current decision (in Check the split)</source>
        <translation>当前判断改用另一种(核对拆分窗口中)</translation>
    </message>
    <message>
        <source>the second line of the title above</source>
        <translation>上一行标题的第二行</translation>
    </message>
    <message>
        <source>a photo&apos;s title</source>
        <translation>图片新闻的标题</translation>
    </message>
    <message>
        <source>moved back to “%1”</source>
        <translation>移回《%1》</translation>
    </message>
    <message>
        <source>not placed in any article</source>
        <translation>未归入任何文章</translation>
    </message>
    <message>
        <source>%1 (photo)</source>
        <translation>%1(图片)</translation>
    </message>
    <message>
        <source>%1 (fragment)</source>
        <translation>%1(片段)</translation>
    </message>
    <message>
        <source>in no article</source>
        <translation>不属于任何文章</translation>
    </message>
    <message>
        <source>(your answer; the parser no longer asks this)</source>
        <translation>(你的回答;解析器已不再作此判断)</translation>
    </message>
    <message>
        <source>; </source>
        <translation>;</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>依据:%1</translation>
    </message>
    <message>
        <source>Keep this choice and stop marking it as doubtful (Ctrl+Enter)</source>
        <translation>保持这个判断,不再标为存疑(Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Take the other choice (Ctrl+Shift+Enter); Ctrl+Z undoes it</source>
        <translation>改用另一种判断(Ctrl+Shift+Enter);Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <source>The parser reads this line no other way</source>
        <translation>解析器无法把这一行读作别的</translation>
    </message>
    <message>
        <source>These articles are not what the parser makes of the page now (edited by hand, or cut by an older version). Answering a decision cuts the page again; Ctrl+Z undoes it.</source>
        <translation>这些文章与解析器现在对本版的拆分不同(经过手动编辑,或由旧版本拆分)。回答一处判断会重新拆分本版;Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>F8 / Shift+F8: next / previous doubtful decision · Ctrl+Enter: keep · Ctrl+Shift+Enter: the other choice · Ctrl+Z: undo</source>
        <translation>F8 / Shift+F8:下一处 / 上一处存疑 · Ctrl+Enter:保持 · Ctrl+Shift+Enter:改用另一种 · Ctrl+Z:撤销</translation>
    </message>
    <message>
        <source>Next doubtful decision</source>
        <translation>下一处存疑判断</translation>
    </message>
    <message>
        <source>Previous doubtful decision</source>
        <translation>上一处存疑判断</translation>
    </message>
    <message>
        <source>Keep the current decision</source>
        <translation>保持当前判断</translation>
    </message>
    <message>
        <source>Take the other choice of the current decision</source>
        <translation>当前判断改用另一种</translation>
    </message>
    <message>
        <source>a byline, dateline, credit or marker follows</source>
        <translation>其后是署名、电头、摄影署名或转版标记</translation>
    </message>
    <message>
        <source>a column label follows it</source>
        <translation>其后是栏目名</translation>
    </message>
    <message>
        <source>a column label right above the title of the story that follows</source>
        <translation>紧接在下一篇文章标题之上的栏目名</translation>
    </message>
    <message>
        <source>a photo credit follows</source>
        <translation>其后是摄影署名</translation>
    </message>
    <message>
        <source>between the title and the byline</source>
        <translation>位于标题和署名之间</translation>
    </message>
    <message>
        <source>first ## right after a photo credit</source>
        <translation>摄影署名后的第一个 ## 行</translation>
    </message>
    <message>
        <source>it closes the article</source>
        <translation>它是文章的最后一段</translation>
    </message>
    <message>
        <source>it ends inside a word this block does not finish</source>
        <translation>它断在一个词中间,而这一段并没有补全这个词</translation>
    </message>
    <message>
        <source>it starts mid-sentence</source>
        <translation>它从句子中间开始</translation>
    </message>
    <message>
        <source>it starts mid-word</source>
        <translation>它从词中间开始</translation>
    </message>
    <message>
        <source>no word runs across the junction</source>
        <translation>接缝处没有跨越的词</translation>
    </message>
    <message>
        <source>right above a # title</source>
        <translation>紧接在 # 标题之上</translation>
    </message>
    <message>
        <source>right under a title</source>
        <translation>紧接在标题之下</translation>
    </message>
    <message>
        <source>right under another # title, nothing between</source>
        <translation>紧接在另一个 # 标题之下,中间没有内容</translation>
    </message>
    <message>
        <source>set by the reader</source>
        <translation>由读者设定</translation>
    </message>
    <message>
        <source>shaped like the article&apos;s other section headings</source>
        <translation>与文章的其他小节标题格式相同</translation>
    </message>
    <message>
        <source>short text and a photo credit follow</source>
        <translation>其后是短文字和摄影署名</translation>
    </message>
    <message>
        <source>the next block</source>
        <translation>下一段</translation>
    </message>
    <message>
        <source>a block further on</source>
        <translation>更靠后的一段</translation>
    </message>
    <message>
        <source>story too short to weigh</source>
        <translation>文章太短,无从比较</translation>
    </message>
    <message>
        <source>the next block of the same story</source>
        <translation>同一篇文章的下一段</translation>
    </message>
    <message>
        <source>the next block of the same story, no opening words</source>
        <translation>同一篇文章的下一段,没有开头用语</translation>
    </message>
    <message>
        <source>the paragraph before it breaks off with nothing to finish it</source>
        <translation>前一段断开,而没有接续它的内容</translation>
    </message>
    <message>
        <source>the photo ahead has its title after its credit</source>
        <translation>前面的图片新闻把标题放在摄影署名之后</translation>
    </message>
    <message>
        <source>the earlier story breaks off mid-sentence</source>
        <translation>前面的文章在句子中间断开</translation>
    </message>
    <message>
        <source>a dictionary word may run across the junction</source>
        <translation>词典中有词可能跨越接缝</translation>
    </message>
    <message>
        <source>it follows the block that finishes the earlier story&apos;s broken sentence</source>
        <translation>它紧跟在补全前面文章断句的那一段之后</translation>
    </message>
    <message>
        <source>it is only the end of a sentence</source>
        <translation>它只是一个句子的结尾</translation>
    </message>
    <message>
        <source>its first hanzi ends a word the block before does not begin</source>
        <translation>它的第一个字是一个词的结尾,而前一段并没有这个词的开头</translation>
    </message>
    <message>
        <source>the block right before a section that goes back to the broken story</source>
        <translation>紧接在回到那篇断开文章的小节之前的一段</translation>
    </message>
    <message>
        <source>the first block of a section going back to the broken story</source>
        <translation>回到那篇断开文章的小节的第一段</translation>
    </message>
    <message>
        <source>its words against the story&apos;s own: %1</source>
        <translation>与所在文章的用词相似度:%1</translation>
    </message>
    <message>
        <source>its heading is printed like the earlier story&apos;s (%1)</source>
        <translation>它的小标题与前面那篇文章的格式相同(%1)</translation>
    </message>
    <message>
        <source>the junction reads as one word or number (%1)</source>
        <translation>接缝处连起来是一个词或数字(%1)</translation>
    </message>
    <message>
        <source>the paragraph ends a section unlike its story; the block against that section: %1</source>
        <translation>这一段结束的小节与所在文章不同;与该小节的相似度:%1</translation>
    </message>
    <message>
        <source>words shared with the earlier story %1, with its host %2</source>
        <translation>与前面文章的共同用词 %1,与所在文章 %2</translation>
    </message>
    <message>
        <source>words shared with that story %1, with its host %2</source>
        <translation>与那篇文章的共同用词 %1,与所在文章 %2</translation>
    </message>
    <message>
        <source>it names what the story names: %1</source>
        <translation>它提到了文章里提到的:%1</translation>
    </message>
    <message>
        <source>Add tag %1</source>
        <translation>添加标签“%1”</translation>
    </message>
    <message>
        <source>Remove tag %1</source>
        <translation>移除标签“%1”</translation>
    </message>
    <message>
        <source>Add tag %1 to the highlight</source>
        <translation>给划线添加标签“%1”</translation>
    </message>
    <message>
        <source>Remove tag %1 from the highlight</source>
        <translation>从划线移除标签“%1”</translation>
    </message>
    <message>
        <source>Rename tag %1</source>
        <translation>重命名标签“%1”</translation>
    </message>
    <message>
        <source>Merge tag %1 into %2</source>
        <translation>把标签“%1”合并到“%2”</translation>
    </message>
    <message>
        <source>Delete tag %1</source>
        <translation>删除标签“%1”</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>撤销：%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>重做：%1(&amp;R)</translation>
    </message>
    <message>
        <source>%1 cannot go under itself or a tag inside it</source>
        <translation>%1 不能放在它自己或它下面的标签之下</translation>
    </message>
    <message>
        <source>%1 is not a date (YYYY-MM-DD)</source>
        <translation>%1 不是日期(应为 YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>%1 is not a date (use YYYY-MM-DD)</source>
        <translation>%1 不是日期(请用 YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>%1 is not a kind (%2)</source>
        <translation>%1 不是一种文章类型(%2)</translation>
    </message>
    <message>
        <source>%1 is not a page number (3, A3)</source>
        <translation>%1 不是版次(如 3、A3)</translation>
    </message>
    <message>
        <source>%1 is not in the local names</source>
        <translation>本地名称中没有 %1</translation>
    </message>
    <message>
        <source>%1: already exists (use --force to replace it)</source>
        <translation>%1:已存在(用 --force 替换)</translation>
    </message>
    <message>
        <source>%1: already exists; not overwritten (use --force)</source>
        <translation>%1:已存在,未覆盖(用 --force)</translation>
    </message>
    <message>
        <source>%1: at least one backup must be kept (not %2)</source>
        <translation>%1:至少要保留一份备份(不能是 %2)</translation>
    </message>
    <message>
        <source>%1: binary file (contains NUL bytes), not a text page</source>
        <translation>%1:二进制文件(含 NUL 字节),不是文本版面</translation>
    </message>
    <message>
        <source>%1: binary file (control bytes), not a text page</source>
        <translation>%1:二进制文件(含控制字节),不是文本版面</translation>
    </message>
    <message>
        <source>%1: cancelled; nothing was written</source>
        <translation>%1:已取消,未写入任何内容</translation>
    </message>
    <message>
        <source>%1: cannot create the backups folder (%2)</source>
        <translation>%1:无法创建备份文件夹(%2)</translation>
    </message>
    <message>
        <source>%1: cannot open the library file</source>
        <translation>%1:无法打开资料库文件</translation>
    </message>
    <message>
        <source>%1: cannot read (%2)</source>
        <translation>%1:无法读取(%2)</translation>
    </message>
    <message>
        <source>%1: cannot read it (%2)</source>
        <translation>%1:无法读取(%2)</translation>
    </message>
    <message>
        <source>%1: cannot write the share file (%2)</source>
        <translation>%1:无法写入共享文件(%2)</translation>
    </message>
    <message>
        <source>%1: exists and is not a folder</source>
        <translation>%1:已存在且不是文件夹</translation>
    </message>
    <message>
        <source>%1: input/output error while using the library</source>
        <translation>%1:使用资料库时发生输入/输出错误</translation>
    </message>
    <message>
        <source>%1: is a directory, not a page file</source>
        <translation>%1:是文件夹,不是版面文件</translation>
    </message>
    <message>
        <source>%1: is a folder, not a library file</source>
        <translation>%1:是文件夹,不是资料库文件</translation>
    </message>
    <message>
        <source>%1: is a folder; give a file name for %2</source>
        <translation>%1:是文件夹;请为%2指定文件名</translation>
    </message>
    <message>
        <source>%1: is the library itself, not %2; choose another file</source>
        <translation>%1:这是资料库本身,不是%2;请选择其他文件</translation>
    </message>
    <message>
        <source>%1: is the library itself; nothing restored</source>
        <translation>%1:这是资料库本身;未恢复任何内容</translation>
    </message>
    <message>
        <source>%1: merge cancelled; the library is unchanged</source>
        <translation>%1:合并已取消;资料库未改变</translation>
    </message>
    <message>
        <source>%1: no such backup (pizhu restore lists them)</source>
        <translation>%1:没有这份备份(pizhu restore 可列出备份)</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1:文件不存在</translation>
    </message>
    <message>
        <source>%1: not a Pizhu library (it has other tables)</source>
        <translation>%1:不是批注资料库(含有其他数据表)</translation>
    </message>
    <message>
        <source>%1: not a Pizhu library; nothing restored</source>
        <translation>%1:不是批注资料库;未恢复任何内容</translation>
    </message>
    <message>
        <source>%1: not a readable backup (%2); nothing restored</source>
        <translation>%1:不是可读的备份(%2);未恢复任何内容</translation>
    </message>
    <message>
        <source>%1: not a regular file</source>
        <translation>%1:不是普通文件</translation>
    </message>
    <message>
        <source>%1: not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5)</source>
        <translation>%1:不是受支持编码的文本(UTF-8、UTF-16、GB18030、Big5)</translation>
    </message>
    <message>
        <source>%1: permission denied</source>
        <translation>%1:没有权限</translation>
    </message>
    <message>
        <source>%1: refused: %2</source>
        <translation>%1:已拒绝:%2</translation>
    </message>
    <message>
        <source>%1: refused: %2 row %3: %4 %5</source>
        <translation>%1:已拒绝:%2 第 %3 行:%4 %5</translation>
    </message>
    <message>
        <source>%1: refused: a value is too large (%2)</source>
        <translation>%1:已拒绝:有值过大(%2)</translation>
    </message>
    <message>
        <source>%1: refused: cannot open it as SQLite (%2)</source>
        <translation>%1:已拒绝:无法作为 SQLite 打开(%2)</translation>
    </message>
    <message>
        <source>%1: refused: corrupt (text that is not UTF-8)</source>
        <translation>%1:已拒绝:文件损坏(含非 UTF-8 文本)</translation>
    </message>
    <message>
        <source>%1: refused: corrupt SQLite header</source>
        <translation>%1:已拒绝:SQLite 文件头损坏</translation>
    </message>
    <message>
        <source>%1: refused: corrupt or not a database (%2)</source>
        <translation>%1:已拒绝:文件损坏或不是数据库(%2)</translation>
    </message>
    <message>
        <source>%1: refused: highlights: uuid %2 is used twice</source>
        <translation>%1:已拒绝:划线:uuid %2 重复使用</translation>
    </message>
    <message>
        <source>%1: refused: its creation time %2</source>
        <translation>%1:已拒绝:其创建时间%2</translation>
    </message>
    <message>
        <source>%1: refused: larger than %2 bytes</source>
        <translation>%1:已拒绝:大于 %2 字节</translation>
    </message>
    <message>
        <source>%1: refused: not a SQLite database</source>
        <translation>%1:已拒绝:不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>%1: refused: tags: the parents of %2 form a cycle</source>
        <translation>%1:已拒绝:标签:%2 的上级标签构成循环</translation>
    </message>
    <message>
        <source>%1: refused: the database is corrupt (%2)</source>
        <translation>%1:已拒绝:数据库已损坏(%2)</translation>
    </message>
    <message>
        <source>%1: refused: the file is truncated</source>
        <translation>%1:已拒绝:文件不完整</translation>
    </message>
    <message>
        <source>%1: refused: values nested too deeply</source>
        <translation>%1:已拒绝:数据嵌套过深</translation>
    </message>
    <message>
        <source>%1: restoring %2 failed (%3); the library is unchanged</source>
        <translation>%1:恢复 %2 失败(%3);资料库未改变</translation>
    </message>
    <message>
        <source>%1: starts with a %2 byte-order mark but is not valid %3 (byte %4)</source>
        <translation>%1:以 %2 字节序标记开头,但不是有效的 %3(第 %4 字节)</translation>
    </message>
    <message>
        <source>%1: the backup could not be written (%2)</source>
        <translation>%1:无法写入备份(%2)</translation>
    </message>
    <message>
        <source>%1: the backup is damaged (%2); nothing restored</source>
        <translation>%1:备份已损坏(%2);未恢复任何内容</translation>
    </message>
    <message>
        <source>%1: the disk is full</source>
        <translation>%1:磁盘已满</translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation>%1:文件是空的</translation>
    </message>
    <message>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1:文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>%1: the library file is corrupt or not a Pizhu library</source>
        <translation>%1:资料库文件已损坏或不是批注资料库</translation>
    </message>
    <message>
        <source>%1: the library is locked by another program; try again</source>
        <translation>%1:资料库被另一个程序锁定;请稍后再试</translation>
    </message>
    <message>
        <source>%1: the library is read-only</source>
        <translation>%1:资料库是只读的</translation>
    </message>
    <message>
        <source>%1: the library was written by a newer Pizhu (schema %2; this Pizhu knows up to %3); please update Pizhu</source>
        <translation>%1:资料库由更新版本的批注写入(结构 %2;本版本最高支持 %3);请更新批注</translation>
    </message>
    <message>
        <source>%1: too large (%2 MB; pages over 50 MB are refused)</source>
        <translation>%1:文件过大(%2 MB;超过 50 MB 的版面不予导入)</translation>
    </message>
    <message>
        <source>%1: upgrade would break %2 references; the library was left unchanged</source>
        <translation>%1:升级会破坏 %2 处引用;资料库未改变</translation>
    </message>
    <message>
        <source>%1: upgrading the library failed (%2: %3); it was left unchanged%4</source>
        <translation>%1:升级资料库失败(%2:%3);资料库未改变%4</translation>
    </message>
    <message>
        <source>a colour&apos;s meaning needs a name</source>
        <translation>颜色含义需要一个名称</translation>
    </message>
    <message>
        <source>a local name needs some text</source>
        <translation>本地名称不能为空</translation>
    </message>
    <message>
        <source>a section cannot be moved into its own article</source>
        <translation>栏目不能移入它自己的文章</translation>
    </message>
    <message>
        <source>a tag cannot be merged into itself</source>
        <translation>标签不能合并到它自己</translation>
    </message>
    <message>
        <source>a tag named %1 already exists; merge %2 into it instead</source>
        <translation>已有名为 %1 的标签;请改为把 %2 合并进去</translation>
    </message>
    <message>
        <source>a tag needs a name</source>
        <translation>标签需要一个名称</translation>
    </message>
    <message>
        <source>article %1 has not been analysed yet</source>
        <translation>文章 %1 尚未分析</translation>
    </message>
    <message>
        <source>article %1 is the last on its page: nothing to merge</source>
        <translation>文章 %1 是本版最后一篇:没有可合并的</translation>
    </message>
    <message>
        <source>block %1 of article %2 is not a heading</source>
        <translation>文章 %2 的第 %1 段不是小标题</translation>
    </message>
    <message>
        <source>cannot split article %1 before block %2</source>
        <translation>无法在第 %2 段之前拆分文章 %1</translation>
    </message>
    <message>
        <source>highlight [%1, %2) is outside article %3 (0…%4)</source>
        <translation>划线 [%1, %2) 超出文章 %3 的范围(0…%4)</translation>
    </message>
    <message>
        <source>no %1 %2 in %3</source>
        <translation>%3 中没有 %1 %2</translation>
    </message>
    <message>
        <source>no article %1</source>
        <translation>没有文章 %1</translation>
    </message>
    <message>
        <source>no article %1 in %2</source>
        <translation>%2 中没有文章 %1</translation>
    </message>
    <message>
        <source>no highlight %1</source>
        <translation>没有划线 %1</translation>
    </message>
    <message>
        <source>no highlight colour %1</source>
        <translation>没有划线颜色 %1</translation>
    </message>
    <message>
        <source>no highlight colour %1; choose one of %2</source>
        <translation>没有划线颜色 %1;请从 %2 中选择</translation>
    </message>
    <message>
        <source>no kind %1; choose one of %2</source>
        <translation>没有类型 %1;请从 %2 中选择</translation>
    </message>
    <message>
        <source>no page %1 in %2</source>
        <translation>%2 中没有版面 %1</translation>
    </message>
    <message>
        <source>no person, place or organisation named %1</source>
        <translation>没有名为 %1 的人物、地点或机构</translation>
    </message>
    <message>
        <source>no source file %1</source>
        <translation>没有源文件 %1</translation>
    </message>
    <message>
        <source>no source file %1 in %2</source>
        <translation>%2 中没有源文件 %1</translation>
    </message>
    <message>
        <source>no tag %1</source>
        <translation>没有标签 %1</translation>
    </message>
    <message>
        <source>no tag named %1</source>
        <translation>没有名为 %1 的标签</translation>
    </message>
    <message>
        <source>no template %1 (neither a file nor a template in %2)</source>
        <translation>没有模板 %1(既不是文件,也不在 %2 中)</translation>
    </message>
    <message>
        <source>nothing to count in %1: no letters or digits</source>
        <translation>%1 中没有可统计的内容:没有文字或数字</translation>
    </message>
    <message>
        <source>quote %1 is not in the text</source>
        <translation>引文 %1 不在正文中</translation>
    </message>
    <message>
        <source>quote %1 occurs %2 times; choose an occurrence (1…%2)</source>
        <translation>引文 %1 出现了 %2 次;请指定第几处(1…%2)</translation>
    </message>
    <message>
        <source>quote %1 occurs %2, so there is no occurrence %3</source>
        <translation>引文 %1 出现 %2,所以没有第 %3 处</translation>
    </message>
    <message>
        <source>range [%1, %2) is not inside the text (0…%3)</source>
        <translation>范围 [%1, %2) 不在正文之内(0…%3)</translation>
    </message>
    <message>
        <source>refused: more than %1 rows in %2</source>
        <translation>已拒绝:%2 中超过 %1 行</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>模板 %1:%2</translation>
    </message>
    <message>
        <source>template %1: cannot be read (%2)</source>
        <translation>模板 %1:无法读取(%2)</translation>
    </message>
    <message>
        <source>the quote is empty</source>
        <translation>引文是空的</translation>
    </message>
    <message>
        <source>Pizhu cannot read a %1 decision as %2</source>
        <translation>批注无法把 %1 类判断读作 %2</translation>
    </message>
    <message>
        <source>the parser cannot read this place as %1</source>
        <translation>解析器无法把此处读作 %1</translation>
    </message>
    <message>
        <source>the parser no longer takes this decision on the page</source>
        <translation>解析器在本版上已不再作此判断</translation>
    </message>
    <message>
        <source>%1: is the library itself, not a page</source>
        <translation>%1:这是资料库本身,不是版面</translation>
    </message>
    <message>
        <source>%1: not a page dump (only .txt and .md page files are imported)</source>
        <translation>%1:不是版面文本(只导入 .txt 和 .md 版面文件)</translation>
    </message>
    <message>
        <source>%1: could not be parsed (%2)</source>
        <translation>%1:无法解析(%2)</translation>
    </message>
    <message>
        <source>already imported (same file)</source>
        <translation>已导入过(同一文件)</translation>
    </message>
    <message>
        <source>already imported (same page as %1)</source>
        <translation>已导入过(与 %1 是同一版面)</translation>
    </message>
    <message>
        <source>not a Pizhu share file</source>
        <translation>不是批注共享文件</translation>
    </message>
    <message>
        <source>not a Pizhu share file (no table %1)</source>
        <translation>不是批注共享文件(没有数据表 %1)</translation>
    </message>
    <message>
        <source>written by a newer Pizhu (share format %1); please update Pizhu</source>
        <translation>由更新版本的批注写入(共享格式 %1);请更新批注</translation>
    </message>
    <message>
        <source>broken references between its rows</source>
        <translation>其中的数据行之间引用有误</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>已存搜索</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Show the search filters (Ctrl+Shift+F)</source>
        <translation>显示搜索筛选 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Show the search filters</source>
        <translation>显示搜索筛选</translation>
    </message>
    <message>
        <source>Search &amp;filters</source>
        <translation>搜索筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Save the &amp;search…</source>
        <translation>保存搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Search filters</source>
        <translation>搜索筛选</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>This issue</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>This page</source>
        <translation>本版</translation>
    </message>
    <message>
        <source>Kind of article</source>
        <translation>文章类型</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>不限类型</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>图片报道</translation>
    </message>
    <message>
        <source>Fragments</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Pages dated from</source>
        <translation>版面日期从</translation>
    </message>
    <message>
        <source>Pages dated until</source>
        <translation>版面日期到</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Clear the search filters</source>
        <translation>清除搜索筛选</translation>
    </message>
    <message>
        <source>Save search…</source>
        <translation>保存搜索…</translation>
    </message>
    <message>
        <source>Save this search with its filters and sort (Ctrl+D)</source>
        <translation>保存此搜索及其筛选和排序 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Save this search</source>
        <translation>保存此搜索</translation>
    </message>
    <message>
        <source>&amp;In</source>
        <translation>范围(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>从(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>到(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Author</source>
        <translation>作者(&amp;A)</translation>
    </message>
    <message>
        <source>Ta&amp;g</source>
        <translation>标签(&amp;G)</translation>
    </message>
    <message>
        <source>Open an article first</source>
        <translation>请先打开一篇文章</translation>
    </message>
    <message>
        <source>&amp;Delete the saved search</source>
        <translation>删除已存搜索(&amp;D)</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n 篇新文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a search first, then save it.</source>
        <translation>请先输入搜索,再保存。</translation>
    </message>
    <message>
        <source>Save the search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>Name of the saved search:</source>
        <translation>已存搜索的名称:</translation>
    </message>
    <message>
        <source>A saved search named “%1” exists. Replace it?</source>
        <translation>已有名为“%1”的已存搜索。要替换吗?</translation>
    </message>
    <message>
        <source>Save the search “%1”</source>
        <translation>保存搜索“%1”</translation>
    </message>
    <message>
        <source>Delete the saved search “%1”</source>
        <translation>删除已存搜索“%1”</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>筛选 (%1)</translation>
    </message>
    <message>
        <source>--saved runs the search as saved: give no QUERY or filters with it</source>
        <translation>--saved 按保存时的条件搜索：不要再给出查询词或筛选条件</translation>
    </message>
    <message>
        <source>a saved search named %1 exists already</source>
        <translation>已有名为 %1 的保存的搜索</translation>
    </message>
    <message>
        <source>a saved search needs a name</source>
        <translation>保存的搜索需要一个名称</translation>
    </message>
    <message>
        <source>a saved search needs a query with at least one term</source>
        <translation>保存的搜索至少需要一个查询词</translation>
    </message>
    <message>
        <source>a saved search&apos;s name has at most %1 characters</source>
        <translation>保存的搜索名称最多 %1 个字符</translation>
    </message>
    <message>
        <source>no saved search named %1</source>
        <translation>没有名为 %1 的保存的搜索</translation>
    </message>
    <message>
        <source>search needs a QUERY (or --saved NAME)</source>
        <translation>搜索需要查询词（或 --saved 名称）</translation>
    </message>
    <message>
        <source>unknown sort %1 (use %2)</source>
        <translation>未知的排序方式 %1（可用：%2）</translation>
    </message>
</context>
</TS>
