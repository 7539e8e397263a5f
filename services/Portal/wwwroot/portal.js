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

// Enter in a picker confirms the date typed in; it must not submit the form around it as well.
document.addEventListener('keydown', event => {
    if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('[data-input-id]')) {
        event.preventDefault();
    }
}, true);
