"""Reading a POS slip (签购单) from a photo, offline. No Qt here.

``engine`` wraps the OCR library (RapidOCR on onnxruntime, models shipped in its wheel) and loads
it on first use; ``photo`` opens and prepares the picture; ``layout`` groups what the OCR saw
into printed lines and finds the labels; ``values`` turns the text after a label into a field
value; ``checks`` says what does not match; ``read`` puts them together. ``sample`` draws a slip
for the self-test and the tests. Importing this package imports none of the heavy libraries.
"""
