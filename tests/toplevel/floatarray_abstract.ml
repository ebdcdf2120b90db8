let a = ArrayLabels.Floatarray.create 3;;
let b = Float.Array.make 2 1.0;;
let c = [| 1.; 2. |];;
let d = (Float.Array.make 1 0., 3);;
