// AntDesign's DatePicker renders its input without an id, so a <label for> cannot name it. A wrapper
// says which id its input takes; it is given as the input appears, before the page answers anything else.
(() => {
    const nameInputs = () => {
        for (const wrapper of document.querySelectorAll('[data-input-id]')) {
            const input = wrapper.querySelector('input');
            if (input && input.id !== wrapper.dataset.inputId) {
                input.id = wrapper.dataset.inputId;
            }
        }
    };
    new MutationObserver(nameInputs).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ['data-input-id'],
    });
})();

// AntDesign Blazor's time columns label the hours and minutes 0 to 9 without the leading zero that the
// input itself shows (08:05), so a duty officer reads "8" in the list and "08" in the field. Each such cell
// gets its zero as it appears; its own text node is kept, so the renderer still owns the node it made.
(() => {
    const padTimeCells = () => {
        for (const cell of document.querySelectorAll('.ant-picker-time-panel-cell-inner')) {
            // The number is a text node of its own among the markup's whitespace.
            const digits = cell.textContent.trim();
            if (digits.length === 1) {
                const text = [...cell.childNodes].find(n => n instanceof Text && n.data.trim() === digits);
                text?.replaceData(text.data.indexOf(digits), 0, '0');
            }
        }
    };
    new MutationObserver(padTimeCells).observe(document.documentElement, { childList: true, subtree: true });
})();

// Enter in a picker confirms the date typed in; it must not submit the form around it as well.
document.addEventListener('keydown', event => {
    if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('[data-input-id]')) {
        event.preventDefault();
    }
}, true);
