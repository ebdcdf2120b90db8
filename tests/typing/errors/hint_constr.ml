type t = Alpha | Beta let x = Alpah
