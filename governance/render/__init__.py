"""The render stage: handbook/ (the corpus as a MkDocs project), export/ (each governing
document as the official Word and PDF document) and forms/ (fillable Word forms from the
template definitions). forms/ also reads a template's own layout, which the layout check
uses; see ARCHITECTURE.md for the layers."""
