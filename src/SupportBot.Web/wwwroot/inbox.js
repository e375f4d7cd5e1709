// The inbox's small script (no framework; the page works without it): the live diff of the reply against its draft
// with the edit type sending would record, and the keyboard shortcuts. Listeners sit on the document, so they keep
// working across Blazor's enhanced navigation; the preview refreshes on every (enhanced) page load.
(() => {
    let timer = 0;
    let sequence = 0;

    const replyBox = () => document.getElementById('reply-text');
    const isTyping = el => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

    function show(id, text) {
        const el = document.getElementById(id);
        if (el) { el.textContent = text; }
    }

    function renderDiff(segments) {
        const target = document.getElementById('edit-diff');
        if (!target) { return; }
        const tags = { added: 'ins', removed: 'del', same: 'span' };
        target.replaceChildren(...segments.map(s => {
            const el = document.createElement(tags[s.kind] ?? 'span');
            el.textContent = s.text;
            return el;
        }));
    }

    async function preview() {
        const box = replyBox();
        const error = document.getElementById('edit-preview-error');
        if (!box || !box.dataset.draftId || !error) { return; }
        const token = box.form?.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const mine = ++sequence;
        let response;
        try {
            response = await fetch('/inbox/preview', {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
                body: JSON.stringify({ draftId: box.dataset.draftId, text: box.value }),
            });
        } catch {
            if (mine === sequence) { error.hidden = false; error.textContent = 'The preview is unavailable; sending still works.'; }
            return;
        }
        if (mine !== sequence) { return; }
        if (response.redirected && new URL(response.url).pathname === '/signin') { location.href = response.url; return; }
        const body = await response.json().catch(() => null);
        if (mine !== sequence) { return; }
        if (!response.ok || !body) {
            const field = body?.errors?.text?.[0];
            error.hidden = false;
            error.textContent = field ?? body?.title ?? `The preview failed (${response.status}).`;
            show('edit-type', '–');
            show('edit-distance', '');
            return;
        }
        error.hidden = true;
        show('edit-type', body.editType);
        show('edit-distance', `(word edit distance ${body.wordEditDistance.toFixed(2)}, character ${body.charEditDistance.toFixed(2)})`);
        renderDiff(body.diff);
    }

    function move(step) {
        const links = [...document.querySelectorAll('.tickets a')];
        if (links.length === 0) { return; }
        const at = links.findIndex(a => a.getAttribute('aria-current') === 'page');
        const to = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
        if (to !== at) { location.href = links[to].href; }
    }

    document.addEventListener('input', e => {
        if (e.target?.id === 'reply-text') {
            clearTimeout(timer);
            timer = setTimeout(preview, 250);
        }
    });

    document.addEventListener('keydown', e => {
        if (!document.querySelector('.inbox')) { return; }
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            const form = replyBox()?.form;
            if (form) { e.preventDefault(); form.requestSubmit(); }
            return;
        }
        if (e.key === 'Escape' && document.activeElement === replyBox()) { replyBox().blur(); return; }
        if (e.ctrlKey || e.metaKey || e.altKey || isTyping(document.activeElement)) { return; }
        if (e.key === 'j') { move(1); }
        else if (e.key === 'k') { move(-1); }
        else if (e.key === 'e' && replyBox()) { e.preventDefault(); replyBox().focus(); }
    });

    const refresh = () => { if (replyBox()) { preview(); } };
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', refresh); } else { refresh(); }
    window.Blazor?.addEventListener?.('enhancedload', refresh);
})();
